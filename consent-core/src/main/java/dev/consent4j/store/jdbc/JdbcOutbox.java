package dev.consent4j.store.jdbc;

import dev.consent4j.event.SubjectId;
import dev.consent4j.outbox.OutboxEntry;
import dev.consent4j.outbox.OutboxJson;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxStats;
import dev.consent4j.outbox.OutboxStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The outbox table of a {@link JdbcConsentStore}: written by its appends, read and updated here.
 * A dispatch is one transaction that holds the claimed rows' locks while they are delivered, so
 * that a node that dies mid-delivery leaves them pending for the next claim.
 */
final class JdbcOutbox implements OutboxStore {

    private static final String COLUMNS = "seq, payload, status, attempts, next_millis, last_error";

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String table;
    private final String insert;
    private final String claim;

    JdbcOutbox(DataSource dataSource, JdbcDialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = prefix + "outbox";
        this.insert = "INSERT INTO " + table + " (message_key, subject, recorded_millis, payload, status, attempts, next_millis)"
                + " VALUES (?, ?, ?, ?, 'PENDING', 0, ?)";
        this.claim = dialect.claimOutbox(table);
    }

    String table() {
        return table;
    }

    /** Writes entries in the append's transaction, in the order given. */
    void write(Connection connection, List<OutboxEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (OutboxEntry entry : entries) {
                statement.setString(1, entry.key());
                statement.setString(2, entry.subject().toString());
                statement.setLong(3, entry.recordedAt().toEpochMilli());
                statement.setString(4, OutboxJson.entry(entry));
                statement.setLong(5, entry.recordedAt().toEpochMilli());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    @Override
    public int dispatch(int limit, Instant now, Delivery delivery) {
        return Transactions.inWriteTransaction(dataSource, dialect, "dispatch the outbox", connection -> {
            List<OutboxMessage> claimed = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(claim)) {
                statement.setLong(1, now.toEpochMilli());
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(read(rows));
                    }
                }
            }
            for (OutboxMessage message : claimed) {
                keep(connection, message, delivery.deliver(message), now);
            }
            return claimed.size();
        });
    }

    private void keep(Connection connection, OutboxMessage message, Outcome outcome, Instant now) throws SQLException {
        String status;
        long next = message.nextAttempt().toEpochMilli();
        String error = message.lastError();
        if (outcome instanceof Outcome.Delivered) {
            status = "DELIVERED";
        } else if (outcome instanceof Outcome.Retry retry) {
            status = "PENDING";
            next = retry.at().toEpochMilli();
            error = retry.error();
        } else if (outcome instanceof Outcome.Dead dead) {
            status = "DEAD";
            error = dead.error();
        } else {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET status = ?, attempts = attempts + 1, next_millis = ?, last_error = ?, done_millis = ? WHERE seq = ?")) {
            update.setString(1, status);
            update.setLong(2, next);
            if (error == null) {
                update.setNull(3, Types.VARCHAR);
            } else {
                update.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
            }
            if (status.equals("PENDING")) {
                update.setNull(4, Types.BIGINT);
            } else {
                update.setLong(4, now.toEpochMilli());
            }
            update.setLong(5, message.position());
            update.executeUpdate();
        }
    }

    @Override
    public List<OutboxMessage> messagesAbout(SubjectId subject) {
        return query("read the outbox of " + subject, "SELECT " + COLUMNS + " FROM " + table + " WHERE subject = ? ORDER BY seq",
                subject.toString());
    }

    @Override
    public List<OutboxMessage> deadLetters(int limit) {
        return query("read the outbox's dead letters", "SELECT " + COLUMNS + " FROM " + table
                + " WHERE status = 'DEAD' ORDER BY seq LIMIT " + Math.max(0, limit));
    }

    @Override
    public Optional<OutboxMessage> message(long position) {
        return query("read outbox message " + position, "SELECT " + COLUMNS + " FROM " + table + " WHERE seq = ?", position)
                .stream().findFirst();
    }

    @Override
    public boolean replay(long position, Instant now) {
        return Transactions.inWriteTransaction(dataSource, dialect, "replay outbox message " + position, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                    + " SET status = 'PENDING', attempts = 0, next_millis = ?, done_millis = NULL WHERE seq = ? AND status = 'DEAD'")) {
                update.setLong(1, now.toEpochMilli());
                update.setLong(2, position);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public OutboxStats stats() {
        return Transactions.inTransaction(dataSource, "read the outbox's lag", connection -> {
            long pending;
            Instant oldest = null;
            long dead;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*), MIN(recorded_millis) FROM " + table + " WHERE status = 'PENDING'");
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                pending = rows.getLong(1);
                long min = rows.getLong(2);
                if (!rows.wasNull()) {
                    oldest = Instant.ofEpochMilli(min);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE status = 'DEAD'");
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                dead = rows.getLong(1);
            }
            return new OutboxStats(pending, dead, oldest);
        });
    }

    @Override
    public int purgeDelivered(Instant before) {
        return Transactions.inWriteTransaction(dataSource, dialect, "purge the delivered outbox messages", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE status = 'DELIVERED' AND recorded_millis < ?")) {
                delete.setLong(1, before.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    private List<OutboxMessage> query(String what, String sql, Object... parameters) {
        return Transactions.inTransaction(dataSource, what, connection -> {
            List<OutboxMessage> messages = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        messages.add(read(rows));
                    }
                }
            }
            return messages;
        });
    }

    private static OutboxMessage read(ResultSet rows) throws SQLException {
        return new OutboxMessage(rows.getLong(1), OutboxJson.readEntry(rows.getString(2)),
                OutboxMessage.Status.valueOf(rows.getString(3)), rows.getInt(4), Instant.ofEpochMilli(rows.getLong(5)),
                rows.getString(6));
    }
}
