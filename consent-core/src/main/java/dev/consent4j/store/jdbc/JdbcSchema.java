package dev.consent4j.store.jdbc;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs one of this package's schema files ({@link JdbcDialect#schemaResource()},
 * {@link JdbcDialect#ledgerSchemaResource()}) that the caller has read itself, as Spring Boot's
 * database initializer does: split as {@link JdbcConsentStore#initializeSchema()} splits it
 * (PostgreSQL's dollar-quoted trigger body stays one statement) and run in one transaction.
 */
public final class JdbcSchema {

    private JdbcSchema() {
    }

    /**
     * @param name        what the script is, for the error message
     * @param script      the file's text, with {@code ${prefix}} where the table prefix goes
     * @param tablePrefix as for {@link JdbcConsentStore.Builder#tablePrefix(String)}
     * @throws dev.consent4j.store.ConsentStoreException when a statement fails; nothing is kept where the database rolls DDL back
     */
    public static void run(DataSource dataSource, String name, String script, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(script, "script");
        Transactions.runScript(dataSource, name, script, Transactions.requireTablePrefix(tablePrefix));
    }
}
