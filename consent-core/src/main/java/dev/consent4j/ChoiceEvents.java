package dev.consent4j;

import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The events {@link ConsentManager#record} appends for a {@link ChoiceRequest}, once it is checked. */
final class ChoiceEvents {

    private final DeclaredTopics topics;
    private final ConsentStore store;
    private final String policyVersion;
    private final Clock clock;

    ChoiceEvents(DeclaredTopics topics, ConsentStore store, String policyVersion, Clock clock) {
        this.topics = topics;
        this.store = store;
        this.policyVersion = policyVersion;
        this.clock = clock;
    }

    /**
     * Refuses a request with an unknown topic, an undeclared channel, a refused necessary topic, or
     * a correction of an event that is not the subject's or is about another topic.
     */
    void validate(ChoiceRequest request) {
        for (Map.Entry<Topic, Action> choice : request.choices().entrySet()) {
            topics.validate(choice.getKey(), choice.getValue());
        }
        EventId supersedes = request.supersedes();
        if (supersedes == null) {
            return;
        }
        ConsentEvent corrected = store.event(request.subject(), supersedes)
                .orElseThrow(() -> new InvalidChoiceException(null, "event " + supersedes
                        + " is not one of this subject's events, so it cannot be corrected"));
        // A correction is appended after what it corrects, so "the last appended choice on a
        // topic" stays the one rule; a correction on another topic would leave the old one standing.
        for (Topic topic : request.choices().keySet()) {
            if (!topic.equals(corrected.topic())) {
                throw new InvalidChoiceException(topic, "event " + supersedes + " is about '"
                        + corrected.topic() + "'; a correction is a choice on the same topic");
            }
        }
    }

    /** The request's events, with random ids, or with ids derived from {@code onceKey} when given. */
    List<NewEvent> of(ChoiceRequest request, @Nullable String onceKey) {
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>(request.choices().size());
        for (Map.Entry<Topic, Action> choice : request.choices().entrySet()) {
            EventId id = onceKey == null ? EventId.random() : onceId(request.subject(), onceKey, events.size());
            events.add(new NewEvent(id, request.subject(), choice.getKey(), choice.getValue(), policyVersion,
                    now, request.source(), request.actor(), request.jurisdiction().code(), request.evidence(), null,
                    request.supersedes()));
        }
        return events;
    }

    static EventId onceId(SubjectId subject, String onceKey, int index) {
        String name = "consent4j-once\n" + subject + "\n" + onceKey + "\n" + index;
        return new EventId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
