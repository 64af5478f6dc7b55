package dev.consent4j.request;

import dev.consent4j.ConsentManager;
import dev.consent4j.LogSafe;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.state.Signals;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** What a personal request may name, by kind, checked against the policy and the subject's history. */
final class RequestTargets {

    private final ConsentManager consents;
    private final Policy policy;

    RequestTargets(ConsentManager consents) {
        this.consents = consents;
        this.policy = consents.policy();
    }

    /**
     * The targets of a request of {@code kind}, without repeats.
     *
     * @throws IllegalArgumentException when they do not fit the kind
     */
    List<String> check(SubjectId subject, RequestKind kind, List<String> targets) {
        switch (kind) {
            case STOP_USE -> {
                if (targets.isEmpty()) {
                    throw new IllegalArgumentException("name the purposes whose use should stop");
                }
                for (String id : targets) {
                    Purpose purpose = policy.purpose(id).orElseThrow(
                            () -> new IllegalArgumentException("the policy declares no purpose " + LogSafe.quote(id)));
                    if (purpose.basis().alwaysNecessary()) {
                        throw new IllegalArgumentException("purpose " + LogSafe.quote(id) + " is necessary for the service;"
                                + " its use can only end with an erasure request or by closing the account");
                    }
                }
            }
            case STOP_PROVISION -> {
                for (String id : targets) {
                    Recipient recipient = policy.recipient(id).orElseThrow(
                            () -> new IllegalArgumentException("the policy declares no recipient " + LogSafe.quote(id)));
                    if (recipient.relation() != Relation.THIRD_PARTY) {
                        throw new IllegalArgumentException("recipient " + LogSafe.quote(id) + " is a " + recipient.relation().id()
                                + ", not a third party; nothing is provided to it");
                    }
                }
            }
            case CORRECTION -> {
                if (targets.size() != 2) {
                    throw new IllegalArgumentException("a correction names the event to correct and the corrected action");
                }
                EventId id;
                Action action;
                try {
                    id = EventId.parse(targets.get(0));
                    action = Action.valueOf(targets.get(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a correction names an event id and one of GRANT, DENY, WITHDRAW, OBJECT");
                }
                if (action == Action.LINK) {
                    throw new IllegalArgumentException("LINK is not a choice");
                }
                ConsentEvent event = eventOf(subject, id).orElseThrow(() -> new IllegalArgumentException(
                        "event " + id + " is not in the history of " + subject));
                if (event.topic() == null) {
                    throw new IllegalArgumentException("event " + id + " records a login link, not a choice");
                }
            }
            default -> {
                if (!targets.isEmpty()) {
                    throw new IllegalArgumentException(kind + " takes no targets");
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(targets));
    }

    /** One of the subject's events, by id, from its history. */
    Optional<ConsentEvent> eventOf(SubjectId subject, EventId id) {
        return consents.history(subject, Signals.of(Jurisdiction.UNKNOWN)).events().stream()
                .filter(event -> event.id().equals(id)).findFirst();
    }
}
