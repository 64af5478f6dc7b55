/**
 * HMAC signing with key rotation for everything consent4j hands to a browser or a mail client
 * (the consent cookie, unsubscribe links): {@link dev.consent4j.signing.SigningKeys} holds the
 * current key and the retired ones still accepted, {@link dev.consent4j.signing.SignedValues}
 * signs and verifies in one canonical encoding, and {@link dev.consent4j.signing.Rejection}
 * says why a value was refused.
 */
package dev.consent4j.signing;
