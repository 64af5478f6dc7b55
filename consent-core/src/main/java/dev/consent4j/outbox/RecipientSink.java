package dev.consent4j.outbox;

import dev.consent4j.event.Topic;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.provision.NotificationRecord;
import dev.consent4j.provision.ProvisionStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One recipient's sink: what the policy says it must hear, and nothing else. A recipient of a
 * purpose ({@link Purpose#recipients()}) hears the changes that stop that purpose (or one of its
 * channels) for a person — an opt-out, a withdrawal, an objection, a stop-provision request — as a
 * message with only those changes; other messages are not sent to it. Each notification is recorded
 * in the provision ledger with the time the recipient took it ({@link NotificationRecord}).
 *
 * <pre>{@code
 * OutboxSink adNetwork = RecipientSink.of(policy, "ad-network", webhook, ledger, clock);
 * }</pre>
 */
public final class RecipientSink implements OutboxSink {

    private final String recipient;
    private final Set<String> purposes;
    private final OutboxSink target;
    private final @Nullable ProvisionStore ledger;
    private final Clock clock;

    private RecipientSink(String recipient, Set<String> purposes, OutboxSink target, @Nullable ProvisionStore ledger,
            Clock clock) {
        this.recipient = recipient;
        this.purposes = purposes;
        this.target = target;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param recipient a recipient the policy declares
     * @param target    where its messages go, e.g. its webhook
     * @param ledger    where notifications are recorded, or {@code null} to record none
     * @throws IllegalArgumentException when the policy does not declare the recipient
     */
    public static RecipientSink of(Policy policy, String recipient, OutboxSink target, @Nullable ProvisionStore ledger,
            Clock clock) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(clock, "clock");
        if (policy.recipients().stream().noneMatch(r -> r.id().equals(recipient))) {
            throw new IllegalArgumentException("the policy declares no recipient '" + recipient + "'; it declares "
                    + policy.recipients().stream().map(r -> r.id()).toList());
        }
        Set<String> purposes = policy.purposes().stream().filter(p -> p.recipients().contains(recipient)).map(Purpose::id)
                .collect(Collectors.toUnmodifiableSet());
        return new RecipientSink(recipient, purposes, target, ledger, clock);
    }

    public String recipient() {
        return recipient;
    }

    @Override
    public String name() {
        return recipient;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        List<DecisionChange> concerning = message.entry().changes().stream()
                .filter(change -> change.revoked() && change.topic().kind() != Topic.Kind.CATEGORY
                        && purposes.contains(change.topic().id()))
                .toList();
        if (concerning.isEmpty()) {
            return;
        }
        OutboxEntry entry = message.entry();
        OutboxMessage narrowed = new OutboxMessage(message.position(), new OutboxEntry(entry.subject(), entry.events(), concerning,
                entry.policyVersion(), entry.jurisdiction(), entry.recordedAt()), message.status(), message.attempts(),
                message.nextAttempt(), message.lastError());
        target.deliver(narrowed);
        if (ledger != null) {
            ledger.append(new NotificationRecord(recipient, entry.subject(), message.key(),
                    concerning.stream().map(DecisionChange::topic).toList(), clock.instant()));
        }
    }
}
