package dev.consent4j.agreement;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Stores on their own tables, emptied first, so the agreement runs never meet the contract tests' rows. */
final class AgreementStores {

    static final String PREFIX = "agree_";

    private AgreementStores() {
    }

    static ConsentStore fresh(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "latest");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "event");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the agreement tables", e);
        }
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
        store.initializeSchema();
        return store;
    }
}
