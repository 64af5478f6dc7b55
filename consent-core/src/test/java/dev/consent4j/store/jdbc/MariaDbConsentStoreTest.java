package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MariaDbConsentStoreTest extends JdbcConsentStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.fromEnvironment(TestDatabases.MARIADB);
    }

    @Override
    protected void runUnprotected(Connection connection, String sql, String... parameters) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS " + PREFIX + "event_no_update");
        }
        update(connection, sql, parameters);
    }

    @Override
    protected JdbcDialect expectedDialect() {
        return JdbcDialect.MYSQL;
    }

    @Test
    void databaseRefusesToChangeOrDeleteEvents() throws Exception {
        assertTheDatabaseRefusesToChangeOrDeleteEvents();
    }
}
