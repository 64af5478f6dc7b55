package dev.consent4j.outbox;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An outbox entry as the store keeps it for delivery.
 *
 * @param position    the store's order of entries; per subject, the order of the appends
 * @param attempts    delivery attempts made so far
 * @param nextAttempt when the next attempt is due
 * @param lastError   why the last attempt failed, or {@code null}
 */
public record OutboxMessage(long position, OutboxEntry entry, Status status, int attempts, Instant nextAttempt,
        @Nullable String lastError) {

    /** Where a message is in its delivery. */
    public enum Status {
        /** Not delivered yet: due now or after a back-off. */
        PENDING,
        /** Delivered to every sink. */
        DELIVERED,
        /** Given up after the configured attempts; waits for an operator to replay it. */
        DEAD
    }

    public OutboxMessage {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    public String key() {
        return entry.key();
    }
}
