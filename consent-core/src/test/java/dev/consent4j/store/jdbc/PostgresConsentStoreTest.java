package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresConsentStoreTest extends JdbcConsentStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.fromEnvironment(TestDatabases.POSTGRES);
    }

    @Override
    protected void runUnprotected(Connection connection, String sql, String... parameters) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Triggers do not fire for replication sessions (superuser only).
            statement.execute("SET session_replication_role = replica");
            update(connection, sql, parameters);
            statement.execute("SET session_replication_role = origin");
        }
    }

    @Override
    protected JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Test
    void databaseRefusesToChangeOrDeleteEvents() throws Exception {
        assertTheDatabaseRefusesToChangeOrDeleteEvents();
    }
}
