package dev.consent4j.store;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.chain.EventChain;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where consent events are kept. Implementations: {@code store.memory} (tests and demos),
 * {@code store.jdbc} (H2, PostgreSQL, MariaDB/MySQL); {@code store.cache} decorates any of them.
 *
 * <p>Events are append-only: there is no method to change or delete one. Every implementation
 * passes the same contract test suite.
 */
public interface ConsentStore {

    /**
     * Appends events atomically and durably: when this returns, every event is committed; when it
     * throws, none is. Each event is sealed into its subject's chain (see {@link EventChain}).
     *
     * @param events new events, possibly for several subjects; kept in this order per subject
     * @return the events as stored, each with its {@link dev.consent4j.event.Seal}, in the order given
     * @throws ConsentStoreException when the events could not be stored
     */
    List<ConsentEvent> append(List<NewEvent> events);

    /**
     * A subject's events in chain order (oldest first); empty when it has none. This reads the
     * whole chain: for exports and verification. Decisions need only {@link #latestEvents}.
     */
    List<ConsentEvent> events(SubjectId subject);

    /**
     * One of the subject's events, by id; empty when the subject has no such event. Stores override
     * this to find it without reading the whole chain.
     */
    default Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        return events(subject).stream().filter(event -> event.id().equals(id)).findFirst();
    }

    /**
     * For each of {@code subjects} that has any, its latest event on each of {@code topics} — in
     * one pass, not one query per subject. This is what the bulk audience filter reads, and what
     * recording a choice reads to answer with the new state; its cost does not grow with the
     * subjects' histories.
     *
     * @return per subject with at least one matching event, its latest events, one per topic
     */
    Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics);

    /**
     * The subject's latest event on every topic it has events on, topics the policy no longer
     * declares included (their choices are archived, not dropped): {@link #latestEvents} without
     * a list of topics. Empty when it has none. The default reads the chain; the built-in stores
     * read only the latest events.
     */
    default List<ConsentEvent> latestEvents(SubjectId subject) {
        Map<Topic, ConsentEvent> latest = new java.util.LinkedHashMap<>();
        for (ConsentEvent event : events(subject)) {
            if (event.topic() != null) {
                latest.put(event.topic(), event);
            }
        }
        return List.copyOf(latest.values());
    }

    /**
     * Appends as {@link #append} does, and answers the stored events with each of their subjects'
     * {@link #latestEvents(SubjectId) latest events} as the append left them: what
     * {@link dev.consent4j.ConsentManager#record} answers from. The default appends and then reads
     * them; a store that reads them in the append's transaction anyway (the JDBC store with an
     * outbox) answers from that read, without another query.
     */
    default Appended appendReadingLatest(List<NewEvent> events) {
        List<ConsentEvent> stored = append(events);
        Map<SubjectId, List<ConsentEvent>> latest = new java.util.LinkedHashMap<>();
        for (ConsentEvent event : stored) {
            latest.computeIfAbsent(event.subject(), this::latestEvents);
        }
        return new Appended(stored, latest);
    }

    /**
     * The store's way of reading latest choices for customers the database selects itself, when
     * it has one (the JDBC store; decorators pass it on): see {@link AudienceQueries}.
     */
    default java.util.Optional<AudienceQueries> audienceQueries() {
        return java.util.Optional.empty();
    }

    /**
     * The outbox this store writes in the transaction of each append that changes a decision,
     * when it was built with one ({@link dev.consent4j.outbox.DecisionChanges}); decorators pass
     * it on.
     */
    default java.util.Optional<dev.consent4j.outbox.OutboxStore> outbox() {
        return java.util.Optional.empty();
    }

    /** Verifies a subject's chain: no event was changed, removed or reordered after it was stored. */
    default ChainVerification verify(SubjectId subject) {
        return EventChain.verify(events(subject));
    }
}
