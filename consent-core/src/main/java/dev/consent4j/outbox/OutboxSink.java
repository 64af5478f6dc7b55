package dev.consent4j.outbox;

/**
 * Where the {@link OutboxDispatcher} delivers consent changes: a signed webhook
 * ({@link dev.consent4j.outbox.webhook.WebhookSink}), a message broker, or any in-process
 * listener — this interface is the SPI for those. A sink may be given the same message more than
 * once (delivery is at least once): de-duplicate by {@link OutboxMessage#key()}. Messages of one
 * subject come in the order of their appends.
 */
@FunctionalInterface
public interface OutboxSink {

    /**
     * Delivers one message; returns once the receiving side has it.
     *
     * @throws Exception when it could not: the dispatcher tries again after a back-off
     */
    void deliver(OutboxMessage message) throws Exception;

    /** A name for logs and metrics. */
    default String name() {
        return getClass().getSimpleName();
    }
}
