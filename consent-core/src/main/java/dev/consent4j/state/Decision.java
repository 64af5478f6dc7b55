package dev.consent4j.state;

import dev.consent4j.event.EventId;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a topic is allowed for one subject, and why.
 *
 * @param since         when the deciding choice was made, or {@code null} when no choice decided it
 * @param policyVersion the policy version the deciding choice was made under, or {@code null}
 * @param event         the stored event that decided it, or {@code null} (no event, or a choice
 *                      read from the consent cookie)
 */
public record Decision(Topic topic, boolean allowed, Reason reason, @Nullable Instant since,
        @Nullable String policyVersion, @Nullable EventId event) {

    public Decision {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
    }

    /** A decision that no choice made: necessary, default opt-out, or no consent yet. */
    public static Decision byDefault(Topic topic, boolean allowed, Reason reason) {
        return new Decision(topic, allowed, reason, null, null, null);
    }

    /**
     * Whether the shopper should be asked (again): there is no current choice, or the last one has
     * expired or was made under terms that have since changed.
     */
    public boolean needsChoice() {
        return reason == Reason.NO_CONSENT || reason == Reason.EXPIRED || reason == Reason.STALE_POLICY;
    }
}
