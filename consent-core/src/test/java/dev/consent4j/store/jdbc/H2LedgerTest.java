package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class H2LedgerTest extends JdbcLedgerContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource dataSource() {
        return TestDatabases.h2File(directory);
    }
}
