package dev.consent4j.outbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far delivery is behind.
 *
 * @param oldestPending when the oldest undelivered entry was recorded, or {@code null} when none is
 */
public record OutboxStats(long pending, long dead, @Nullable Instant oldestPending) {

    /** How long the oldest undelivered entry has waited at {@code now}; zero when nothing waits. */
    public Duration lag(Instant now) {
        if (oldestPending == null || now.isBefore(oldestPending)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestPending, now);
    }
}
