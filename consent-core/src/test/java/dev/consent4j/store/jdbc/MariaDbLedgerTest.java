package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import javax.sql.DataSource;

class MariaDbLedgerTest extends JdbcLedgerContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.fromEnvironment(TestDatabases.MARIADB);
    }
}
