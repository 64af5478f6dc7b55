/**
 * Consent changes leaving the shop: a transactional outbox written by the stores in the same
 * transaction as the events ({@link dev.consent4j.outbox.DecisionChanges} decides what goes in it,
 * through the one decision function), the {@link dev.consent4j.outbox.OutboxDispatcher} that
 * delivers it at least once, ordered per subject, and the {@link dev.consent4j.outbox.OutboxSink}
 * SPI it delivers to (signed webhooks in {@code outbox.webhook}, or any in-process listener).
 */
@NullMarked
package dev.consent4j.outbox;

import org.jspecify.annotations.NullMarked;
