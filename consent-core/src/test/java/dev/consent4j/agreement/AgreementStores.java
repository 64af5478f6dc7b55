package dev.consent4j.agreement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stores on their own tables, emptied first, so the agreement runs never meet the contract tests'
 * rows; behind a connection pool and the cache, as a shop runs them.
 */
final class AgreementStores {

    static final String PREFIX = "agree_";

    private AgreementStores() {
    }

    static ConsentStore fresh(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(20);
        config.setPoolName("agreement");
        HikariDataSource dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "chain_head");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "latest");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "event");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the agreement tables", e);
        }
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
        store.initializeSchema();
        return CachingConsentStore.builder(store).build();
    }
}
