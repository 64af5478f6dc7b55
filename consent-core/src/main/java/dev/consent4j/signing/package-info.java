/**
 * The keys that sign everything consent4j hands to a browser or a mail client (the consent cookie,
 * unsubscribe and guardian links, webhook deliveries): {@link dev.consent4j.signing.SigningKeys}
 * holds the current key and the retired ones still accepted, and
 * {@link dev.consent4j.signing.Rejection} says why a signed value was refused.
 */
@NullMarked
package dev.consent4j.signing;

import org.jspecify.annotations.NullMarked;
