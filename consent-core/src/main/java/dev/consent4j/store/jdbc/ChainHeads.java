package dev.consent4j.store.jdbc;

import dev.consent4j.event.ConsentEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain-head rows of {@link JdbcConsentStore}: each chain's last position and hash, which an
 * append locks and reads by key, and moves in its transaction.
 */
final class ChainHeads {

    private final JdbcDialect dialect;
    private final String table;
    private final String insertHead;
    private final String updateHead;
    private final String selectLastEvent;

    ChainHeads(JdbcDialect dialect, String prefix) {
        this.dialect = dialect;
        this.table = prefix + "chain_head";
        this.insertHead = "INSERT INTO " + table + " (seq, hash, subject) VALUES (?, ?, ?)";
        this.updateHead = "UPDATE " + table + " SET seq = ?, hash = ? WHERE subject = ?";
        this.selectLastEvent = "SELECT seq, hash FROM " + prefix + "event WHERE subject = ? ORDER BY seq DESC LIMIT 1";
    }

    /** Locks and reads the heads of the chains (sorted subjects), in chunks the dialect can bind. */
    Map<String, ChainHead> lock(Connection connection, List<String> subjects) throws SQLException {
        Map<String, ChainHead> heads = new HashMap<>();
        int size = dialect.valuesPerQuery();
        for (int from = 0; from < subjects.size(); from += size) {
            heads.putAll(dialect.lockHeads(connection, table,
                    subjects.subList(from, Math.min(subjects.size(), from + size))));
        }
        return heads;
    }

    /** Moves each chain's head row to the last of the sealed events, creating the rows that are missing. */
    void move(Connection connection, Map<String, ChainHead> heads, List<ConsentEvent> sealed)
            throws SQLException {
        Map<String, ConsentEvent> last = new LinkedHashMap<>();
        for (ConsentEvent event : sealed) {
            last.put(event.subject().toString(), event);
        }
        List<ConsentEvent> updates = new ArrayList<>();
        List<ConsentEvent> inserts = new ArrayList<>();
        last.forEach((subject, event) -> (heads.getOrDefault(subject, ChainHead.EMPTY).stored() ? updates : inserts)
                .add(event));
        writeHeads(connection, updateHead, updates);
        writeHeads(connection, insertHead, inserts);
    }

    private static void writeHeads(Connection connection, String sql, List<ConsentEvent> lastEvents) throws SQLException {
        if (lastEvents.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (ConsentEvent event : lastEvents) {
                statement.setLong(1, event.sequence());
                statement.setString(2, event.hash());
                statement.setString(3, event.subject().toString());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Brings the head rows of {@code subjects} up to the last event of their chains, where a head
     * is behind (or missing): events appended by consent4j 0.1, or a database upgraded without
     * its script. Each chain's last event is found through the (subject, seq) key.
     */
    void catchUp(Connection connection, List<String> subjects) throws SQLException {
        try {
            Map<String, ChainHead> heads = lock(connection, subjects);
            try (PreparedStatement select = connection.prepareStatement(selectLastEvent);
                    PreparedStatement update = connection.prepareStatement(updateHead);
                    PreparedStatement insert = connection.prepareStatement(insertHead)) {
                for (String subject : subjects) {
                    select.setString(1, subject);
                    try (ResultSet rows = select.executeQuery()) {
                        ChainHead head = heads.getOrDefault(subject, ChainHead.EMPTY);
                        if (rows.next() && rows.getLong(1) > head.sequence()) {
                            PreparedStatement write = head.stored() ? update : insert;
                            write.setLong(1, rows.getLong(1));
                            write.setString(2, rows.getString(2));
                            write.setString(3, subject);
                            write.executeUpdate();
                        }
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            Transactions.rollback(connection, e);
            if (!dialect.isRetryable(e)) {
                throw e;
            }
        }
    }
}
