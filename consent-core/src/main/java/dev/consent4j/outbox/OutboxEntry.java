package dev.consent4j.outbox;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one append changed for one subject, as written to the outbox in the append's transaction.
 *
 * @param events        the appended events of this subject, in chain order; the first one's id is
 *                      the {@link #key() idempotency key}
 * @param changes       the topics whose decision changed, never empty
 * @param policyVersion the policy version the decisions were made under
 * @param jurisdiction  the jurisdiction the decisions were made in (the appended events')
 * @param recordedAt    when the store wrote the entry
 */
public record OutboxEntry(SubjectId subject, List<EventId> events, List<DecisionChange> changes, String policyVersion,
        String jurisdiction, Instant recordedAt) {

    public OutboxEntry {
        Objects.requireNonNull(subject, "subject");
        events = List.copyOf(events);
        changes = List.copyOf(changes);
        if (events.isEmpty() || changes.isEmpty()) {
            throw new IllegalArgumentException("an outbox entry names at least one event and one change");
        }
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** The idempotency key receivers de-duplicate by: the id of the append's first event for this subject. */
    public String key() {
        return events.get(0).toString();
    }
}
