package dev.consent4j.spring.diagnostics;

import dev.consent4j.spring.ConsentSchemaMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains missing consent tables: have them created at start, or create them yourself. */
final class ConsentSchemaMissingFailureAnalyzer extends AbstractFailureAnalyzer<ConsentSchemaMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConsentSchemaMissingException cause) {
        return new FailureAnalysis(
                "The consent tables " + cause.tables() + " do not exist in the application's database, so the first"
                        + " choice a shopper makes could not be stored.",
                "Set consent.store.jdbc.initialize-schema=always to create them at start, or create them with your"
                        + " migrations (Flyway, Liquibase) from " + cause.schemaResource() + " in consent-core's jar.",
                cause);
    }
}
