package dev.consent4j.provision;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * That a recipient was told of a person's opt-out, withdrawal or stop-provision request concerning a
 * purpose it receives data for (CCPA regulations §7026(f), APPI art. 29): kept in the provision
 * ledger once the recipient's endpoint has taken the outbox message.
 *
 * @param messageKey the outbox message's idempotency key; one record per recipient and key
 * @param topics     the topics the recipient was told about
 * @param notifiedAt when the recipient took the message
 */
public record NotificationRecord(String recipient, SubjectId subject, String messageKey, List<Topic> topics,
        Instant notifiedAt) {

    public NotificationRecord {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(messageKey, "messageKey");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a notification is about at least one topic");
        }
        Objects.requireNonNull(notifiedAt, "notifiedAt");
    }
}
