package dev.consent4j.provision;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.state.Decision;
import java.util.Objects;

/**
 * Whether data about one person may go to one recipient, and why.
 *
 * @param purpose  the recipient's purpose the answer rests on; {@code null} when none applies
 * @param consent  the decision on that purpose, with the event it rests on; {@code null} for
 *                 processors and joint users, where consent plays no part
 */
public record ProvisionDecision(SubjectId subject, String recipient, ProvisionReason reason, String purpose,
        Decision consent) {

    public ProvisionDecision {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return reason.allowed();
    }

    /** The consent event that allows the provision, if it rests on consent. */
    public EventId basisEvent() {
        return reason == ProvisionReason.CONSENTED && consent != null ? consent.event() : null;
    }
}
