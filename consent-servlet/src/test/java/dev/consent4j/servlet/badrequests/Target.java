package dev.consent4j.servlet.badrequests;

import dev.consent4j.ConsentManager;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.unsubscribe.UnsubscribeTokens;

/**
 * What the table needs from the server under test to write its rows: its manager (policy, clock),
 * its signing keys (to forge cookies that differ from good ones in one way) and its unsubscribe
 * tokens and guardian-consent tokens (good tokens paired with bad bodies, used and expired ones).
 */
public record Target(ConsentManager consents, SigningKeys keys, UnsubscribeTokens tokens, GuardianConsentTokens guardianTokens) {
}
