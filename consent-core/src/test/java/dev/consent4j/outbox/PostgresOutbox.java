package dev.consent4j.outbox;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/** Tables of their own on the test PostgreSQL, for one outbox test; dropped on close. */
final class PostgresOutbox implements AutoCloseable {

    final String url = TestDatabases.urlFromEnvironment(TestDatabases.POSTGRES);
    final String prefix = "obx" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "_";

    /** A store as one application node opens it: its own connections. */
    JdbcConsentStore node() {
        return JdbcConsentStore.builder(TestDatabases.at(url)).tablePrefix(prefix).outbox(OutboxFixtures.changes(Clock.systemUTC()))
                .build();
    }

    JdbcConsentStore create() {
        JdbcConsentStore store = node();
        store.initializeSchema();
        return store;
    }

    /** Appends {@code perSubject} alternating grants and withdrawals for each of {@code subjects} customers, interleaved. */
    static List<SubjectId> record(JdbcConsentStore store, int subjects, int perSubject) {
        List<SubjectId> ids = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            ids.add(SubjectId.customer("s" + s));
        }
        for (int i = 0; i < perSubject; i++) {
            for (SubjectId subject : ids) {
                store.append(List.of(OutboxFixtures.choice(subject, i % 2 == 0 ? Action.GRANT : Action.WITHDRAW,
                        java.time.Instant.now())));
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        DataSource dataSource = TestDatabases.at(url);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("outbox", "chain_head", "latest", "event")) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
            statement.execute("DROP FUNCTION IF EXISTS " + prefix + "event_append_only()");
        }
    }
}
