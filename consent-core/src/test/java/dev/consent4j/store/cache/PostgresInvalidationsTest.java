package dev.consent4j.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL database: an append on one makes the other's cache forget the subject. */
class PostgresInvalidationsTest {

    private static final String PREFIX = "c4jnotify_";
    private static final String CHANNEL = PREFIX + "changes";
    private static final SubjectId ALICE = SubjectId.customer("alice");

    private DataSource dataSource;
    private PostgresInvalidations listening;

    @BeforeEach
    void createTables() throws Exception {
        dataSource = TestDatabases.fromEnvironment(TestDatabases.POSTGRES);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "chain_head");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "latest");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "event");
        }
        JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).build().initializeSchema();
    }

    @AfterEach
    void stopListening() {
        if (listening != null) {
            listening.close();
        }
    }

    private JdbcConsentStore node() {
        return JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).notifyChannel(CHANNEL).build();
    }

    private static ConsentEvent event(Action action, int second) {
        return ConsentEvent.unsealed(ALICE, Topic.purpose("targeted-ads"), action, "2026-11",
                Instant.parse("2026-11-20T10:00:00Z").plusSeconds(second), Source.ACCOUNT_PAGE, Actor.SELF, "JP",
                Evidence.NONE, null, null);
    }

    @Test
    void anAppendOnAnotherNodeIsSeenBeforeTheCacheExpires() throws Exception {
        CachingConsentStore nodeA = CachingConsentStore.builder(node()).expireAfterWrite(Duration.ofHours(1)).build();
        JdbcConsentStore nodeB = node();
        CountDownLatch forgotten = new CountDownLatch(1);
        // Node A's own append notifies too, and that notice may arrive after A cached the subject
        // again: only an eviction after A cached it counts. The flag is set before B appends,
        // since B's notice can be handled before B's append call even returns; an eviction counted
        // while B appends still empties A's cache, and A reads it again only after B committed.
        AtomicBoolean cachedOnA = new AtomicBoolean();
        listening = new PostgresInvalidations(dataSource, CHANNEL, subject -> {
            nodeA.evict(subject);
            if (cachedOnA.get()) {
                forgotten.countDown();
            }
        }, nodeA::evictAll);

        nodeA.append(List.of(event(Action.GRANT, 0)));
        assertThat(nodeA.events(ALICE)).hasSize(1);
        cachedOnA.set(true);
        nodeB.append(List.of(event(Action.WITHDRAW, 1)));

        assertThat(forgotten.await(10, TimeUnit.SECONDS)).as("node A was notified").isTrue();
        assertThat(nodeA.events(ALICE)).extracting(ConsentEvent::action).containsExactly(Action.GRANT, Action.WITHDRAW);
        assertThat(listening.running()).isTrue();
    }

    @Test
    void withoutTheListenerTheOtherNodeKeepsItsCachedCopy() {
        CachingConsentStore nodeA = CachingConsentStore.builder(node()).expireAfterWrite(Duration.ofHours(1)).build();
        nodeA.append(List.of(event(Action.GRANT, 0)));
        nodeA.events(ALICE);

        node().append(List.of(event(Action.WITHDRAW, 1)));

        assertThat(nodeA.events(ALICE)).hasSize(1);
    }

    @Test
    void notificationsNeedPostgresql() {
        DataSource h2 = TestDatabases.h2File(java.nio.file.Path.of("target", "notify-h2"));
        assertThatThrownBy(() -> JdbcConsentStore.builder(h2).notifyChannel(CHANNEL).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> JdbcConsentStore.builder(dataSource).notifyChannel("bad channel"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
