package dev.consent4j.store.jdbc;

import dev.consent4j.testing.TestDatabases;
import javax.sql.DataSource;

class PostgresLedgerTest extends JdbcLedgerContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.fromEnvironment(TestDatabases.POSTGRES);
    }
}
