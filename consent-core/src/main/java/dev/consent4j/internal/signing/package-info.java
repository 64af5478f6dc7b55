/**
 * Not API (see {@link dev.consent4j.internal}). The signed-value envelope of the consent cookie,
 * the unsubscribe and guardian tokens and the webhook signatures: HMAC-SHA256 under the
 * {@link dev.consent4j.signing.SigningKeys} a shop configures, one canonical encoding, constant-time
 * checks.
 */
@NullMarked
package dev.consent4j.internal.signing;

import org.jspecify.annotations.NullMarked;
