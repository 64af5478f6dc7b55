package dev.consent4j.spring.diagnostics;

import dev.consent4j.spring.InvalidSigningKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an unusable signing key and gives the command that makes a good one. */
final class InvalidSigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSigningKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSigningKeyException cause) {
        return new FailureAnalysis(
                "The consent signing key cannot be used: " + cause.property() + " " + cause.problem() + ".",
                "Make a key of 32 random bytes in Base64:\n\n    openssl rand -base64 32\n\n"
                        + "and give it to the application outside source control, for example as the environment"
                        + " variable CONSENT_KEY with\n\n    consent.signing.keys[0].id=k1\n"
                        + "    consent.signing.keys[0].secret=${CONSENT_KEY}\n\n"
                        + "To rotate, put the new key first and keep the old one as keys[1] until its cookies expire.",
                cause);
    }
}
