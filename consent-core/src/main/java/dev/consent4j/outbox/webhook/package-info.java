/**
 * Signed webhooks for the outbox: {@link dev.consent4j.outbox.webhook.WebhookSink} posts each
 * message to an endpoint the shop configures; {@link dev.consent4j.outbox.webhook.WebhookSignature}
 * is what a receiver in Java checks it with (docs/outbox.md shows the check in any language).
 */
@NullMarked
package dev.consent4j.outbox.webhook;

import org.jspecify.annotations.NullMarked;
