package dev.consent4j.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
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
    },
    POSTGRESQL("postgresql") {
        @Override
        String upsertLatest(String table) {
            return "INSERT INTO " + table + " (subject, topic, event_id, seq) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (subject, topic) DO UPDATE SET event_id = EXCLUDED.event_id, seq = EXCLUDED.seq";
        }

        @Override
        String selectHead(String table) {
            return "SELECT seq, hash FROM " + table + " WHERE subject = ? ORDER BY seq DESC LIMIT 1";
        }

        /*
         * A row lock cannot guard a chain that has no row yet, so PostgreSQL appends take a
         * transaction-scoped advisory lock per subject instead; taken in sorted order, two batches
         * over the same subjects queue rather than deadlock.
         */
        @Override
        void lockChains(Connection connection, Collection<String> sortedSubjects) throws SQLException {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                for (String subject : sortedSubjects) {
                    lock.setLong(1, chainKey(subject));
                    lock.executeQuery().close();
                }
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

    abstract String upsertLatest(String table);

    /**
     * Reads the head of one subject's chain. Where the database supports it the row is locked, so
     * a concurrent append to the same chain waits instead of failing on the unique key.
     */
    String selectHead(String table) {
        return "SELECT seq, hash FROM " + table + " WHERE subject = ? ORDER BY seq DESC LIMIT 1 FOR UPDATE";
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
