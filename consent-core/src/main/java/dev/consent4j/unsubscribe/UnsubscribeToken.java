package dev.consent4j.unsubscribe;

import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.Objects;

/**
 * What an unsubscribe token allows: stopping one purpose on one channel for one subject, until
 * it expires. Nothing else can be done with it.
 */
public record UnsubscribeToken(SubjectId subject, String purpose, String channel, Instant expiresAt) {

    public UnsubscribeToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
