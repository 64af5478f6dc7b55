package dev.consent4j.store.jdbc;

import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * Tells a database that is unavailable from a fault in the data, and turns {@link SQLException}s
 * into the stores' exceptions.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * Whether {@code failure}, or anything in its cause chain or SQL exception chain, says the
     * database could not be reached or did not answer: a connection exception (SQLState class
     * {@code 08}, which the drivers and HikariCP use for refused, broken and closed connections),
     * PostgreSQL's shutdown and start-up states ({@code 57P01}..{@code 57P03}), a cancelled
     * statement ({@code 57014}, what a query timeout reports on PostgreSQL and H2), MariaDB's
     * interrupted connection ({@code 70100}), or the JDBC types for the same (a pool that timed out
     * waiting for a connection throws {@link SQLTransientConnectionException}).
     */
    static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable current = failure; current != null && depth < 32; current = current.getCause(), depth++) {
            if (current instanceof SQLException sql) {
                for (SQLException next = sql; next != null && depth < 32; next = next.getNextException(), depth++) {
                    if (reportsUnavailability(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean reportsUnavailability(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || e instanceof SQLTimeoutException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("57014") || state.equals("70100"));
    }

    /**
     * The store exception for a failed {@code what}: {@link StoreUnavailableException} when the
     * database is unavailable (its message holds no ids or SQL: {@code what} is left out), else a
     * {@link ConsentStoreException} quoting the driver's message. Either keeps {@code e} as its cause.
     */
    static ConsentStoreException translate(String what, SQLException e) {
        if (isUnavailable(e)) {
            return unavailableBecause(e);
        }
        return new ConsentStoreException("could not " + what + ": " + e.getMessage(), e);
    }

    static StoreUnavailableException unavailableBecause(Throwable cause) {
        String state = cause instanceof SQLException sql && sql.getSQLState() != null ? ", SQLState " + sql.getSQLState() : "";
        return new StoreUnavailableException("the consent database is unavailable (" + cause.getClass().getSimpleName()
                + state + "); see the cause", cause);
    }

    /**
     * Restores auto-commit after a transaction. When the transaction already failed ({@code primary}
     * not {@code null}), a failure here (on a broken connection: "Connection is closed") is added to
     * it as suppressed instead of replacing it, so that the caller sees the database's own message.
     */
    static void restoreAutoCommit(Connection connection, boolean autoCommit, @Nullable Exception primary) throws SQLException {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }
}
