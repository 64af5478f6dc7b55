package dev.consent4j.store.jdbc;

import dev.consent4j.store.ConsentStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** What the JDBC stores share: one transaction per call, schema files, table prefixes. */
final class Transactions {

    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,20}");

    private Transactions() {
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work on a connection inside a transaction, with no result. */
    @FunctionalInterface
    interface SqlAction {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, committed before this returns and rolled back when
     * it throws; database errors become a {@link ConsentStoreException} saying "could not {@code what}",
     * or a {@link dev.consent4j.store.StoreUnavailableException} when the database is unavailable
     * (see {@link SqlFailures}). The first failure is the one reported: a rollback or auto-commit
     * reset failing after it on the same broken connection is added to it as suppressed.
     */
    static <T> T inTransaction(DataSource dataSource, String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Exception failure = null;
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                failure = e;
                rollback(connection, e);
                throw e;
            } finally {
                SqlFailures.restoreAutoCommit(connection, autoCommit, failure);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    /** {@link #inTransaction} for work with no result. */
    static void inTransaction(DataSource dataSource, String what, SqlAction work) {
        inTransaction(dataSource, what, connection -> {
            work.run(connection);
            return Boolean.TRUE;
        });
    }

    /** {@link #inWriteTransaction} for work with no result. */
    static void inWriteTransaction(DataSource dataSource, JdbcDialect dialect, String what, SqlAction work) {
        inWriteTransaction(dataSource, dialect, what, connection -> {
            work.run(connection);
            return Boolean.TRUE;
        });
    }

    /** {@link #inTransaction} for work that writes: first the dialect makes sure the commit will be on disk. */
    static <T> T inWriteTransaction(DataSource dataSource, JdbcDialect dialect, String what, SqlWork<T> work) {
        return inTransaction(dataSource, what, connection -> {
            dialect.requireDurableCommits(connection);
            return work.run(connection);
        });
    }

    static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs a schema file next to this class, with {@code ${prefix}} replaced, in one transaction. */
    static void runSchema(DataSource dataSource, String resource, String prefix) {
        String script;
        try (InputStream in = Transactions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file missing from the jar: " + resource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runScript(dataSource, resource, script, prefix);
    }

    /** Runs a schema script, {@code ${prefix}} replaced by {@code prefix}, in one transaction. */
    static void runScript(DataSource dataSource, String name, String script, String prefix) {
        String prefixed = script.replace("${prefix}", prefix);
        inTransaction(dataSource, "create the schema of " + name, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SqlScript.statements(prefixed)) {
                    statement.execute(sql);
                }
            }
        });
    }

    /**
     * Of {@code tables}, those the database does not have (or does not let this user read), in
     * the order given; for a check at start rather than an error on the first write.
     *
     * @throws ConsentStoreException when the database cannot be reached at all
     */
    static List<String> missingTables(DataSource dataSource, List<String> tables) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : tables) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
                } catch (SQLException e) {
                    // SQLSTATE class 42: no such table, or no right to read it. Anything else is not about the schema.
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
                        throw e;
                    }
                    missing.add(table);
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("check the consent tables", e);
        }
        return missing;
    }

    /**
     * Whether the connection's current schema has {@code table}, asked of the driver's metadata
     * rather than by a failing query (which some drivers log as a warning). The name is tried as
     * given and upper-case, as H2 keeps unquoted names.
     */
    static boolean tableExists(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection()) {
            java.sql.DatabaseMetaData meta = connection.getMetaData();
            String escape = meta.getSearchStringEscape();
            for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                String pattern = escape == null ? name : name.replace("_", escape + "_");
                try (java.sql.ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), pattern, null)) {
                    while (rows.next()) {
                        if (rows.getString("TABLE_NAME").equals(name)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new ConsentStoreException("could not look for table " + table + ": " + e.getMessage(), e);
        }
    }

    /** The prefix, if it is lower-case letters, digits and '_', at most 21 characters; it is put into SQL. */
    static String requireTablePrefix(String tablePrefix) {
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be lower-case letters, digits and '_' (at most 21),"
                    + " starting with a letter or '_', but was '" + tablePrefix + "'");
        }
        return tablePrefix;
    }
}
