package dev.consent4j;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.Choice;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Signals;
import dev.consent4j.store.AudienceQueries;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.CustomerQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** {@link ConsentManager}'s decisions for many subjects at once: from their latest choices, one store query. */
final class BulkDecisions {

    private final ConsentStore store;
    private final StateFolder folder;
    private final DeclaredTopics topics;
    private final Clock clock;

    BulkDecisions(ConsentStore store, StateFolder folder, DeclaredTopics topics, Clock clock) {
        this.store = store;
        this.folder = folder;
        this.topics = topics;
        this.clock = clock;
    }

    void decide(Collection<SubjectId> subjects, String purposeId, @Nullable String channel, Jurisdiction jurisdiction,
            BiConsumer<SubjectId, Decision> sink) {
        Topic topic = topics.declaredTopic(purposeId, channel);
        Map<SubjectId, List<ConsentEvent>> latest = store.latestEvents(subjects, folder.topicsBearingOn(topic));
        Signals signals = Signals.of(jurisdiction);
        Instant now = clock.instant();
        Decision withoutChoices = folder.decide(topic, t -> null, signals, now);
        Map<Topic, Choice> choices = new HashMap<>();
        for (SubjectId subject : subjects) {
            List<ConsentEvent> events = latest.get(subject);
            if (events == null) {
                sink.accept(subject, withoutChoices);
                continue;
            }
            choices.clear();
            for (ConsentEvent event : events) {
                choices.put(event.topic(), Choice.of(event));
            }
            sink.accept(subject, folder.decide(topic, choices::get, signals, now));
        }
    }

    /** See {@link ConsentManager#audience(CustomerQuery, String, String, Jurisdiction, Consumer)}. */
    void audience(CustomerQuery customers, String purposeId, @Nullable String channel, Jurisdiction jurisdiction,
            Consumer<SubjectId> sink) {
        Objects.requireNonNull(customers, "customers");
        AudienceQueries queries = store.audienceQueries().orElseThrow(() -> new UnsupportedOperationException(
                "the store " + store.getClass().getSimpleName() + " cannot select customers by SQL; pass the customers instead"));
        Topic topic = topics.declaredTopic(purposeId, channel);
        Set<Topic> bearing = folder.topicsBearingOn(topic);
        Signals signals = Signals.of(jurisdiction);
        Instant now = clock.instant();
        Map<Topic, Choice> byTopic = new HashMap<>();
        queries.latestChoices(customers, bearing, (subject, choices) -> {
            byTopic.clear();
            for (Choice choice : choices) {
                byTopic.put(choice.topic(), choice);
            }
            if (folder.decide(topic, byTopic::get, signals, now).allowed()) {
                sink.accept(subject);
            }
        });
        if (folder.decide(topic, t -> null, signals, now).allowed()) {
            queries.withoutChoices(customers, bearing, sink);
        }
    }
}
