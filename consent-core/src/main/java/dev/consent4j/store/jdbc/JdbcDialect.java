package dev.consent4j.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases the JDBC store supports: which schema file to run, how to
 * write the latest-event upsert, how appends to one chain are serialized, and which errors mean
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

        @Override
        String selectHeads(String table, String subjectCondition) {
            return "SELECT DISTINCT ON (subject) subject, seq, hash FROM " + table + " WHERE " + subjectCondition
                    + " ORDER BY subject, seq DESC";
        }

        /*
         * A row lock cannot guard a chain that has no row yet, so PostgreSQL appends take a
         * transaction-scoped advisory lock per subject instead, all in one statement and in key
         * order, so two batches over the same subjects queue rather than deadlock.
         */
        @Override
        void lockChains(Connection connection, Collection<String> subjects) throws SQLException {
            Long[] keys = subjects.stream().map(JdbcDialect::chainKey).sorted().distinct().toArray(Long[]::new);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n")) {
                lock.setArray(1, connection.createArrayOf("bigint", keys));
                lock.executeQuery().close();
            }
        }
    },
    /** MariaDB and MySQL. */
    MYSQL("mysql") {
        @Override
        String upsertLatest(String table) {
            return "INSERT INTO " + table + " (subject, topic, event_id, seq) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE event_id = VALUES(event_id), seq = VALUES(seq)";
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

    /** The schema file of the provision ledger and personal requests ({@link JdbcLedgerStore}). */
    public String ledgerSchemaResource() {
        return "ledger-" + schemaName + ".sql";
    }

    abstract String upsertLatest(String table);

    /**
     * Reads the chains' heads (subject, seq, hash; where several rows of a subject come back, the
     * last one is the head). Where the database supports it the rows are locked, so a concurrent
     * append to the same chain waits instead of failing on the unique key.
     */
    String selectHeads(String table, String subjectCondition) {
        return "SELECT subject, seq, hash FROM " + table + " WHERE " + subjectCondition + " ORDER BY subject, seq FOR UPDATE";
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

    /** Serializes appends to the given chains for the rest of the transaction, where the database needs more than {@link #selectHead}. */
    void lockChains(Connection connection, Collection<String> sortedSubjects) throws SQLException {
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

    private static long chainKey(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
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
