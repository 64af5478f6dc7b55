package dev.consent4j.store.jdbc;

import dev.consent4j.provision.LedgerContract;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/** The ledger suite on a real database, with the JDBC event store beside it. */
abstract class JdbcLedgerContract extends LedgerContract {

    static final String PREFIX = "c4jledger_";
    private static final String[] TABLES = {"provision_subject", "provision", "receipt_subject", "receipt", "request_step",
        "request", "notification", "chain_head", "latest", "event"};

    private DataSource dataSource;

    protected abstract DataSource dataSource() throws Exception;

    @Override
    protected Stores createStores() throws Exception {
        dataSource = dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + PREFIX + table);
            }
        }
        JdbcConsentStore events = JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build();
        events.initializeSchema();
        JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource).tablePrefix(PREFIX).build();
        ledger.initializeSchema();
        ledger.initializeSchema(); // running it twice is harmless
        return new Stores(events, ledger, ledger);
    }

    @Override
    protected Optional<Stores> reopen() {
        JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource).tablePrefix(PREFIX).build();
        return Optional.of(new Stores(JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build(), ledger, ledger));
    }
}
