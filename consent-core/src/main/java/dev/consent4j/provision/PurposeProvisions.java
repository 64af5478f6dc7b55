package dev.consent4j.provision;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Recipient;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a recipient's purposes decide a provision, person by person, from the decisions of the one
 * decision function: for processors, joint users and successors one purpose must be allowed; for
 * third parties it takes consent, a necessary purpose or a filed opt-out route.
 */
final class PurposeProvisions {

    private PurposeProvisions() {
    }

    /**
     * A processor, joint user or successor: no consent is needed for the hand-over itself, but one
     * of the purposes it serves must be allowed for the person (by the one decision function).
     */
    static ProvisionDecision throughPurposes(SubjectId subject, Recipient recipient,
            Map<String, Map<SubjectId, Decision>> byPurpose, ProvisionReason reason, @Nullable LegalGround ground) {
        Map.Entry<String, Map<SubjectId, Decision>> first = null;
        for (Map.Entry<String, Map<SubjectId, Decision>> entry : byPurpose.entrySet()) {
            Decision decision = Objects.requireNonNull(entry.getValue().get(subject));
            if (decision.allowed()) {
                return new ProvisionDecision(subject, recipient.id(), reason, entry.getKey(), decision, ground);
            }
            if (first == null) {
                first = entry;
            }
        }
        Objects.requireNonNull(first, "a recipient served through purposes has one");
        return new ProvisionDecision(subject, recipient.id(), ProvisionReason.PURPOSE_NOT_ALLOWED, first.getKey(),
                first.getValue().get(subject));
    }

    static ProvisionDecision thirdParty(SubjectId subject, Recipient recipient,
            Map<String, Map<SubjectId, Decision>> byPurpose, LocalDate today) {
        String firstPurpose = null;
        Decision firstDecision = null;
        String refusedPurpose = null;
        Decision refusal = null;
        for (Map.Entry<String, Map<SubjectId, Decision>> entry : byPurpose.entrySet()) {
            Decision decision = Objects.requireNonNull(entry.getValue().get(subject));
            if (decision.reason() == Reason.NECESSARY) {
                return new ProvisionDecision(subject, recipient.id(), ProvisionReason.NECESSARY_PURPOSE, entry.getKey(), decision);
            }
            if (decision.reason() == Reason.GRANTED) {
                return new ProvisionDecision(subject, recipient.id(), ProvisionReason.CONSENTED, entry.getKey(), decision);
            }
            if (firstPurpose == null) {
                firstPurpose = entry.getKey();
                firstDecision = decision;
            }
            if (refusal == null && decision.reason() != Reason.NO_CONSENT && decision.reason() != Reason.DEFAULT_OPT_OUT) {
                refusedPurpose = entry.getKey();
                refusal = decision;
            }
        }
        if (recipient.optOutRoute() != null && !recipient.foreign()) {
            if (refusal != null) {
                return new ProvisionDecision(subject, recipient.id(), ProvisionReason.OPTED_OUT, refusedPurpose, refusal);
            }
            if (today.isBefore(recipient.optOutRoute().startDate())) {
                return new ProvisionDecision(subject, recipient.id(), ProvisionReason.OPT_OUT_NOT_STARTED, firstPurpose,
                        firstDecision);
            }
            return new ProvisionDecision(subject, recipient.id(), ProvisionReason.OPT_OUT_ROUTE, firstPurpose, firstDecision);
        }
        return refusal != null
                ? new ProvisionDecision(subject, recipient.id(), ProvisionReason.CONSENT_NOT_CURRENT, refusedPurpose, refusal)
                : new ProvisionDecision(subject, recipient.id(), ProvisionReason.NO_CONSENT, firstPurpose, firstDecision);
    }
}
