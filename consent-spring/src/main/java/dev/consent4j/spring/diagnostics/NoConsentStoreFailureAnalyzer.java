package dev.consent4j.spring.diagnostics;

import dev.consent4j.spring.NoConsentStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing (or ambiguous) consent store and what to do about it. */
final class NoConsentStoreFailureAnalyzer extends AbstractFailureAnalyzer<NoConsentStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoConsentStoreException cause) {
        if (cause.candidates().isEmpty()) {
            return new FailureAnalysis(
                    "No consent store is configured. consent4j keeps proof of every shopper's choice and will not"
                            + " keep it in memory unless told to.",
                    "Add a DataSource (for example spring-boot-starter-jdbc and a JDBC driver), or set"
                            + " consent.store.type=memory for a demo.",
                    cause);
        }
        return new FailureAnalysis("Several consent stores are defined: " + cause.candidates() + ".",
                "consent4j uses exactly one ConsentStore;"
                        + " remove the others, or define your own ConsentManager bean that names the store.",
                cause);
    }
}
