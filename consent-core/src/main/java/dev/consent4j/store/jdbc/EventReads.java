package dev.consent4j.store.jdbc;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The reads of {@link JdbcConsentStore}: a subject's chain, one event, and the latest events by key. */
final class EventReads {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;
    private final String selectEvents;
    private final String selectEvent;

    EventReads(DataSource dataSource, JdbcDialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.selectEvents = "SELECT " + EventRows.COLUMNS + " FROM " + prefix + "event WHERE subject = ? ORDER BY seq";
        this.selectEvent = "SELECT " + EventRows.COLUMNS + " FROM " + prefix + "event WHERE id = ? AND subject = ?";
    }

    List<ConsentEvent> events(SubjectId subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(selectEvents)) {
            statement.setString(1, subject.toString());
            List<ConsentEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(EventRows.read(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw SqlFailures.translate("read the consent events of " + subject, e);
        }
    }

    Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(selectEvent)) {
            statement.setString(1, id.toString());
            statement.setString(2, subject.toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(EventRows.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ConsentStoreException("could not read event " + id + " of " + subject + ": " + e.getMessage(), e);
        }
    }

    Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        Map<SubjectId, List<ConsentEvent>> result = new HashMap<>();
        if (subjects.isEmpty() || topics.isEmpty()) {
            return result;
        }
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(subjects.stream().map(SubjectId::toString).toList()));
        int size = dialect.valuesPerQuery();
        Transactions.inTransaction(dataSource, "read the latest consent events", connection -> {
            dialect.prepareBulkRead(connection);
            readLatest(connection, keys, topicKeys, size, result);
        });
        return result;
    }

    List<ConsentEvent> latestEvents(SubjectId subject) {
        Map<SubjectId, List<ConsentEvent>> result = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            readLatest(connection, List.of(subject.toString()), null, 1, result);
        } catch (SQLException e) {
            throw SqlFailures.translate("read the latest consent events of " + subject, e);
        }
        return result.getOrDefault(subject, List.of());
    }

    /**
     * The latest events of the subjects {@code keys} on {@code topicKeys} (on every topic when
     * {@code null}), {@code size} subjects a query.
     */
    void readLatest(Connection connection, List<String> keys, @Nullable List<String> topicKeys, int size,
            Map<SubjectId, List<ConsentEvent>> result) throws SQLException {
        String prefixedColumns = "e." + EventRows.COLUMNS.replace(", ", ", e.");
        for (int from = 0; from < keys.size(); from += size) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + size));
            // One subject by plain equality: a plan PostgreSQL caches for "= ANY(?)" after a few
            // executions need not use the indexes, and this read runs after every record().
            boolean one = chunk.size() == 1;
            String sql = "SELECT " + prefixedColumns + " FROM " + prefix + "latest l JOIN " + prefix
                    + "event e ON e.id = l.event_id WHERE " + (one ? "l.subject = ?" : dialect.anyOf("l.subject", chunk.size()))
                    + (topicKeys == null ? "" : " AND l.topic IN (" + EventRows.placeholders(topicKeys.size()) + ")");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(10_000);
                int index = 1;
                if (one) {
                    statement.setString(index++, chunk.get(0));
                } else {
                    index = dialect.bindAnyOf(statement, index, chunk);
                }
                for (String topic : topicKeys == null ? List.<String>of() : topicKeys) {
                    statement.setString(index++, topic);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ConsentEvent event = EventRows.read(rows);
                        result.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
    }
}
