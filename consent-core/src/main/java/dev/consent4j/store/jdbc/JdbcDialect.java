package dev.consent4j.store.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between the databases the JDBC store supports: which schema files to run, how to
 * write the latest-event upsert, how the chains' head rows are locked, and which errors mean
 * "try again".
 */
public enum JdbcDialect {

    H2("h2") {
        @Override
        String upsertLatest(String table) {
            return "MERGE INTO " + table + " (subject, topic, event_id, seq) KEY (subject, topic) VALUES (?, ?, ?, ?)";
        }
        // No arrays here: H2 does not use an index for "= ANY(?)", so IN lists are much faster.

        @Override
        void requireDurableCommits(Connection connection) throws SQLException {
            H2WriteDelay.requireZero(connection);
        }

        @Override
        boolean holdsChainsUntilCommitted() {
            return true;
        }
    },
    POSTGRESQL("postgresql") {
        @Override
        String upsertLatest(String table) {
            return "INSERT INTO " + table + " (subject, topic, event_id, seq) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (subject, topic) DO UPDATE SET event_id = EXCLUDED.event_id, seq = EXCLUDED.seq";
        }

        @Override
        boolean bindsArrays() {
            return true;
        }

        @Override
        String arrayType() {
            return "text";
        }

        /*
         * One array for the whole audience: each query scans the topic's rows of the latest table
         * once, so splitting a million subjects into chunks multiplies that scan. With a plan
         * made for the actual array PostgreSQL hashes it; a cached generic plan would probe the
         * index once per element instead, several times slower.
         */
        @Override
        int valuesPerQuery() {
            return 1_000_000;
        }

        @Override
        void prepareBulkRead(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
        }

        /*
         * Creates the missing heads, then locks them all in key order, so two batches over the
         * same subjects queue rather than deadlock: two statements sent in one round trip. The
         * insert waits for a head another transaction is creating; the locking read, with its
         * own snapshot, then finds every head committed and waits its turn in the row's queue.
         * (ON CONFLICT DO UPDATE would lock in one statement, but a waiter whose row was
         * updated meanwhile starts over at the back of the queue: under contention on one chain
         * some appends waited far longer than others.) Sequential scans are off for the rest of
         * the transaction: a generic plan made while the table was small (a scan of its few
         * pages) would otherwise stay cached on the connection while the table grows.
         */
        @Override
        Map<String, ChainHead> lockHeads(Connection connection, String table, List<String> sortedSubjects)
                throws SQLException {
            Map<String, ChainHead> heads = new HashMap<>();
            try (PreparedStatement lock = connection.prepareStatement("SET LOCAL enable_seqscan = off;"
                    + " INSERT INTO " + table + " (subject, seq, hash)"
                    + " SELECT s, 0, '' FROM unnest(?::varchar[]) AS t(s) ORDER BY s ON CONFLICT (subject) DO NOTHING;"
                    + " SELECT subject, seq, hash FROM " + table + " WHERE subject = ANY(?::varchar[]) ORDER BY subject FOR UPDATE")) {
                java.sql.Array subjects = connection.createArrayOf("varchar", sortedSubjects.toArray());
                lock.setArray(1, subjects);
                lock.setArray(2, subjects);
                lock.execute();
                while (!lock.getMoreResults() && lock.getUpdateCount() != -1) {
                    // the insert's count; the locking read's rows come next
                }
                try (ResultSet rows = lock.getResultSet()) {
                    while (rows.next()) {
                        heads.put(rows.getString(1), new ChainHead(rows.getLong(2), rows.getString(3), true));
                    }
                }
            }
            return heads;
        }
    },
    /** MariaDB and MySQL. */
    MYSQL("mysql") {
        @Override
        String upsertLatest(String table) {
            return "INSERT INTO " + table + " (subject, topic, event_id, seq) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE event_id = VALUES(event_id), seq = VALUES(seq)";
        }

        /*
         * A locking read finds no row to lock for a new chain, and the gap locks it takes instead
         * make two first appends deadlock. So the heads are created first (in key order; an
         * existing one is locked by the duplicate-key update) and then read.
         */
        @Override
        Map<String, ChainHead> lockHeads(Connection connection, String table, List<String> sortedSubjects)
                throws SQLException {
            StringBuilder insert = new StringBuilder("INSERT INTO ").append(table).append(" (subject, seq, hash) VALUES ");
            for (int i = 0; i < sortedSubjects.size(); i++) {
                insert.append(i == 0 ? "(?, 0, '')" : ", (?, 0, '')");
            }
            insert.append(" ON DUPLICATE KEY UPDATE seq = seq");
            try (PreparedStatement create = connection.prepareStatement(insert.toString())) {
                bindAnyOf(create, 1, sortedSubjects);
                create.executeUpdate();
            }
            return super.lockHeads(connection, table, sortedSubjects);
        }
    };

    private final String schemaName;

    JdbcDialect(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The schema file for this database, a resource next to this class. */
    public String schemaResource() {
        return "schema-" + schemaName + ".sql";
    }

    /**
     * The script that brings the event tables of consent4j 0.1 up to this version: it creates the
     * chain-head table and fills it from the stored events. {@link JdbcConsentStore#initializeSchema()}
     * runs it by itself where it finds events without that table.
     */
    public String upgradeResource() {
        return "upgrade-0.1-to-0.2-" + schemaName + ".sql";
    }

    /** The schema file of the provision ledger and personal requests ({@link JdbcLedgerStore}). */
    public String ledgerSchemaResource() {
        return "ledger-" + schemaName + ".sql";
    }

    /** The schema file of the outbox ({@link JdbcConsentStore.Builder#outbox}). */
    public String outboxSchemaResource() {
        return "outbox-" + schemaName + ".sql";
    }

    /**
     * Claims due outbox messages: each subject's oldest pending one, in order, at most a limit,
     * locked for the rest of the transaction and skipped by other nodes' claims meanwhile. A
     * subject whose oldest message another node holds has nothing to claim: its next message waits
     * on the pending one, not on the lock. Parameters: now (millis), limit.
     */
    String claimOutbox(String table) {
        return "SELECT o.seq, o.payload, o.status, o.attempts, o.next_millis, o.last_error FROM " + table + " o"
                + " WHERE o.status = 'PENDING' AND o.next_millis <= ? AND NOT EXISTS (SELECT 1 FROM " + table
                + " b WHERE b.subject = o.subject AND b.status = 'PENDING' AND b.seq < o.seq)"
                + " ORDER BY o.seq LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    abstract String upsertLatest(String table);

    /**
     * Locks the head rows of {@code sortedSubjects} (at most {@link #valuesPerQuery()}) for the rest
     * of the transaction, by primary key, and reads them. A chain that has no head row yet is
     * missing from the answer, or, where the dialect creates the rows to lock them, has one at
     * position 0. Two appends to one chain thus queue on its head, and nothing here reads the
     * event table.
     */
    Map<String, ChainHead> lockHeads(Connection connection, String table, List<String> sortedSubjects)
            throws SQLException {
        Map<String, ChainHead> heads = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT subject, seq, hash FROM " + table
                + " WHERE " + anyOf("subject", sortedSubjects.size()) + " ORDER BY subject FOR UPDATE")) {
            bindAnyOf(select, 1, sortedSubjects);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    heads.put(rows.getString(1), new ChainHead(rows.getLong(2), rows.getString(3), true));
                }
            }
        }
        return heads;
    }

    /** Whether a list of values is bound as one SQL array ({@code = ANY(?)}) rather than an {@code IN} list. */
    boolean bindsArrays() {
        return false;
    }

    String arrayType() {
        return "varchar";
    }

    /** How many values one {@link #anyOf} condition takes. */
    int valuesPerQuery() {
        return bindsArrays() ? 10_000 : 500;
    }

    /** Prepares a read transaction for a query over many values (an audience); nothing by default. */
    void prepareBulkRead(Connection connection) throws SQLException {
    }

    /** A condition true when {@code column} equals one of {@code count} values, bound by {@link #bindAnyOf}. */
    String anyOf(String column, int count) {
        if (bindsArrays()) {
            return column + " = ANY(?)";
        }
        StringBuilder sql = new StringBuilder(column).append(" IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }

    /** Binds the values of an {@link #anyOf} condition from {@code index}; answers the next free index. */
    int bindAnyOf(PreparedStatement statement, int index, List<String> values) throws SQLException {
        if (bindsArrays()) {
            statement.setArray(index, statement.getConnection().createArrayOf(arrayType(), values.toArray()));
            return index + 1;
        }
        for (String value : values) {
            statement.setString(index++, value);
        }
        return index;
    }

    /**
     * Makes sure a commit on {@code connection} is on disk when it returns, or throws a
     * {@link dev.consent4j.store.ConsentStoreException} that says what to change. The stores call
     * it before every write. PostgreSQL and MariaDB/MySQL write their commit log before they
     * acknowledge a commit, so there is nothing to do; H2 may not ({@link H2WriteDelay}).
     */
    void requireDurableCommits(Connection connection) throws SQLException {
    }

    /**
     * {@link #requireDurableCommits(Connection)} on one connection of {@code dataSource}, so that a
     * store that could not keep its promise refuses to be built.
     */
    final void requireDurableCommits(javax.sql.DataSource dataSource) {
        if (this != H2) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            requireDurableCommits(connection);
        } catch (SQLException e) {
            throw new dev.consent4j.store.ConsentStoreException("could not make sure that H2 writes commits before"
                    + " acknowledging them: " + e.getMessage(), e);
        }
    }

    /**
     * Whether an append must keep other appends to its chains from reading them until after its
     * commit: where the database may keep a later commit and lose an earlier one it had already
     * shown (H2, see {@link ChainStripes}).
     */
    boolean holdsChainsUntilCommitted() {
        return false;
    }

    /**
     * Whether the append may simply be tried again: a chain position or key taken by a concurrent
     * writer, a deadlock, a serialization failure or a lock wait that timed out.
     */
    boolean isRetryable(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            int code = current.getErrorCode();
            if ("40001".equals(state) || "40P01".equals(state) || code == 1213 || code == 1205) {
                return true;
            }
        }
        return isUniqueViolation(e);
    }

    /** Whether the exception reports a duplicate key (an event id, or a chain position taken by another node). */
    boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            if ("23505".equals(state) || current.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }

    /** The dialect of the database {@code dataSource} connects to. */
    public static JdbcDialect of(javax.sql.DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException e) {
            throw new dev.consent4j.store.ConsentStoreException("could not connect to detect the database: "
                    + e.getMessage(), e);
        }
    }

    /** The dialect of the database behind {@code connection}. */
    public static JdbcDialect of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MYSQL;
        }
        throw new IllegalArgumentException("the JDBC consent store supports H2, PostgreSQL, MariaDB and MySQL, not "
                + meta.getDatabaseProductName());
    }
}
