package dev.consent4j.provision;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.state.Decision;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether data about one person may go to one recipient, and why.
 *
 * @param purpose  the recipient's purpose the answer rests on; {@code null} when none applies
 * @param consent  the decision on that purpose, with the event it rests on; {@code null} for
 *                 processors, joint users, successors and declared legal grounds, where consent plays no part
 * @param ground   the ground of APPI art. 27(1) or (5) the provision rests on without consent, or
 *                 {@code null} when it rests on consent, an opt-out route or a necessary purpose
 */
public record ProvisionDecision(SubjectId subject, String recipient, ProvisionReason reason, @Nullable String purpose,
        @Nullable Decision consent, @Nullable LegalGround ground) {

    /** A decision that rests on no declared ground. */
    public ProvisionDecision(SubjectId subject, String recipient, ProvisionReason reason, @Nullable String purpose,
            @Nullable Decision consent) {
        this(subject, recipient, reason, purpose, consent, null);
    }

    public ProvisionDecision {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return reason.allowed();
    }

    /** The consent event that allows the provision, if it rests on consent. */
    public @Nullable EventId basisEvent() {
        return reason == ProvisionReason.CONSENTED && consent != null ? consent.event() : null;
    }
}
