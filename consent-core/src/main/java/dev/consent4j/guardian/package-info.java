/**
 * Guardian-consent links: a shop asks {@link dev.consent4j.guardian.GuardianLinks} for a signed,
 * expiring, single-use link naming a minor's account and the topics to ask about, and sends it to
 * the guardian the minor named; the consent endpoint's {@code guardian-consent} page records the
 * guardian's answers. {@link dev.consent4j.guardian.GuardianConsentTokens} issues and verifies the
 * tokens, {@link dev.consent4j.guardian.GuardianConsentToken} is what one allows. The guardian's
 * contact is never kept: a token holds, and the evidence records, only a hash of it salted with
 * the token's id.
 */
@NullMarked
package dev.consent4j.guardian;

import org.jspecify.annotations.NullMarked;
