package dev.consent4j.store.jdbc;

import dev.consent4j.store.ConsentStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes H2 write each commit before it returns. An H2 file database keeps committed changes in
 * memory for up to {@code WRITE_DELAY} milliseconds (500 by default) and writes them in the
 * background, so a process killed in that time loses transactions it had already acknowledged.
 * With {@code WRITE_DELAY 0} the commit writes them to the file itself (the operating system then
 * has them, whatever happens to the process).
 *
 * <p>The delay belongs to the open database, and H2 2.x does not keep it: every time the database
 * opens (an embedded database closes when its last connection does) it starts from the opening
 * URL's {@code WRITE_DELAY}, or 500 ms, whatever {@code SET WRITE_DELAY} stored before; and a URL
 * with {@code ;WRITE_DELAY=n} sets it again on every connection it opens. So the store checks it
 * before the first write on each connection (an H2 session), sets it to 0 where it is not, and
 * marks the session with a variable: later writes on that session cost one small query. A
 * session cannot outlive the database it belongs to, so a marked session has seen its database's
 * delay at 0.
 *
 * <p>Refused, with what to change: a delay set explicitly (in the URL, which would undo the store's
 * setting at the next connection, or by {@code SET WRITE_DELAY}), and a user without ADMIN rights
 * (who may not set it). In-memory databases report 0 and need nothing.
 */
final class H2WriteDelay {

    private static final String CHECKED = "@consent4j_write_delay_checked";
    private static final String READ = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'";

    private H2WriteDelay() {
    }

    /** Returns once commits on {@code connection} are written before they return; throws saying what to change otherwise. */
    static void requireZero(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT " + CHECKED)) {
                if (rows.next() && rows.getBoolean(1)) {
                    return;
                }
            }
            List<Integer> delays = read(statement);
            if (!allZero(delays)) {
                setZero(connection, statement, delays);
            }
            statement.execute("SET " + CHECKED + " = TRUE");
        }
    }

    private static void setZero(Connection connection, Statement statement, List<Integer> delays) throws SQLException {
        int delay = delays.stream().mapToInt(Integer::intValue).max().orElseThrow();
        // Two rows: what the last SET WRITE_DELAY stored, and the delay in force. The same non-zero
        // value in both was set on purpose, by the URL (which sets it again on every connection)
        // or a statement; a different one means the database opened again with its default.
        if (delays.size() == 2 && delays.get(0).equals(delays.get(1))) {
            throw new ConsentStoreException(lossWindow(delay) + " (set by ;WRITE_DELAY=" + delay
                    + " in the JDBC URL or by SET WRITE_DELAY " + delay + "). Remove WRITE_DELAY from the H2 URL or"
                    + " make it ;WRITE_DELAY=0, and where a statement set it, run SET WRITE_DELAY 0 once.");
        }
        try {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            throw new ConsentStoreException(lossWindow(delay) + ", and user " + connection.getMetaData().getUserName()
                    + " may not change that (" + e.getMessage() + "). Connect as a user with ADMIN rights, or grant"
                    + " them (ALTER USER name ADMIN TRUE): the store then sets WRITE_DELAY 0 itself.", e);
        }
        List<Integer> after = read(statement);
        if (!allZero(after)) {
            throw new ConsentStoreException(lossWindow(delay) + ", and SET WRITE_DELAY 0 did not take effect: H2 reports"
                    + " WRITE_DELAY " + after + ". Add ;WRITE_DELAY=0 to the H2 URL.");
        }
    }

    private static String lossWindow(int delay) {
        return "H2 writes a commit up to " + delay + " ms after acknowledging it (WRITE_DELAY=" + delay
                + "), so consent evidence would be lost if the process died in that time";
    }

    /** Every WRITE_DELAY row of INFORMATION_SCHEMA.SETTINGS: the delay in force, and what SET WRITE_DELAY stored, if anything. */
    private static List<Integer> read(Statement statement) throws SQLException {
        List<Integer> delays = new ArrayList<>(2);
        try (ResultSet rows = statement.executeQuery(READ)) {
            while (rows.next()) {
                delays.add(Integer.parseInt(rows.getString(1).trim()));
            }
        }
        if (delays.isEmpty()) {
            throw new ConsentStoreException("INFORMATION_SCHEMA.SETTINGS has no WRITE_DELAY, so the store cannot make"
                    + " sure that H2 writes commits before acknowledging them; use H2 2.x");
        }
        return delays;
    }

    private static boolean allZero(List<Integer> delays) {
        return delays.stream().allMatch(delay -> delay == 0);
    }
}
