package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** H2 in a file, so that a second store instance and a second connection see the same data. */
class H2ConsentStoreTest extends JdbcConsentStoreContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource dataSource() {
        return TestDatabases.h2File(directory);
    }

    @Override
    protected void runUnprotected(Connection connection, String sql, String... parameters) throws SQLException {
        update(connection, sql, parameters);
    }

    @Override
    protected JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }
}
