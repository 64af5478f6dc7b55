package dev.consent4j.store.jdbc;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Choice;
import dev.consent4j.store.AudienceQueries;
import dev.consent4j.store.CustomerQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@link JdbcConsentStore}'s audiences: the latest choices of the customers a query selects, joined in the database. */
final class JdbcAudiences implements AudienceQueries {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;

    JdbcAudiences(DataSource dataSource, JdbcDialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
    }

    @Override
    public void latestChoices(CustomerQuery customers, Collection<Topic> topics, BiConsumer<SubjectId, List<Choice>> sink) {
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        if (topicKeys.isEmpty()) {
            return;
        }
        // A join rather than IN (subquery): H2 2.4 fails inside an IN over a million-row subquery.
        // A customer the query gives twice comes twice in a row and is folded once.
        String sql = "SELECT l.subject, e.topic, e.action, e.policy_version, e.time_seconds, e.time_nanos, e.actor, e.seq, e.source FROM ("
                + customers.select() + ") q JOIN " + prefix + "latest l ON l.subject = " + customerSubject(customers)
                + " JOIN " + prefix + "event e ON e.id = l.event_id WHERE l.topic IN (" + EventRows.placeholders(topicKeys.size())
                + ") ORDER BY l.subject";
        Transactions.inTransaction(dataSource, "read the latest choices of the customers a query selects", connection -> {
            try (PreparedStatement statement = bulkRead(connection, sql, topicKeys)) {
                Map<String, Topic> parsed = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    String current = null;
                    List<Choice> choices = new ArrayList<>();
                    while (rows.next()) {
                        String subject = rows.getString(1);
                        if (!subject.equals(current)) {
                            if (current != null) {
                                sink.accept(SubjectId.parse(current), choices);
                                choices = new ArrayList<>();
                            }
                            current = subject;
                        }
                        choices.add(new Choice(parsed.computeIfAbsent(rows.getString(2), Topic::parse),
                                Action.valueOf(rows.getString(3)), Instant.ofEpochSecond(rows.getLong(5), rows.getInt(6)),
                                rows.getString(4), Actor.Kind.valueOf(rows.getString(7)), null, rows.getLong(8),
                                Source.valueOf(rows.getString(9))));
                    }
                    if (current != null) {
                        sink.accept(SubjectId.parse(current), choices);
                    }
                }
            }
        });
    }

    @Override
    public void withoutChoices(CustomerQuery customers, Collection<Topic> topics, Consumer<SubjectId> sink) {
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        String sql = "SELECT q." + customers.idColumn() + " FROM (" + customers.select() + ") q"
                + (topicKeys.isEmpty() ? "" : " WHERE NOT EXISTS (SELECT 1 FROM " + prefix + "latest l WHERE l.subject = "
                        + customerSubject(customers) + " AND l.topic IN (" + EventRows.placeholders(topicKeys.size()) + "))");
        Transactions.inTransaction(dataSource, "read the customers a query selects", connection -> {
            try (PreparedStatement statement = bulkRead(connection, sql, topicKeys)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(SubjectId.customer(rows.getString(1)));
                    }
                }
            }
        });
    }

    /** A statement for a long read, with the topics bound from the first parameter on. */
    private PreparedStatement bulkRead(Connection connection, String sql, List<String> topicKeys) throws SQLException {
        dialect.prepareBulkRead(connection);
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setFetchSize(10_000);
            for (int i = 0; i < topicKeys.size(); i++) {
                statement.setString(i + 1, topicKeys.get(i));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The subject key, as the store's tables hold it ({@link SubjectId#toString()}: {@code c:<id>}), of the customer in a row {@code q}. */
    private static String customerSubject(CustomerQuery customers) {
        return "CONCAT('c:', q." + customers.idColumn() + ")";
    }
}
