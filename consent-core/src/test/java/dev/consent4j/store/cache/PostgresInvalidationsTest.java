package dev.consent4j.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static NewEvent event(Action action, int second) {
        return NewEvent.of(ALICE, Topic.purpose("targeted-ads"), action, "2026-11",
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

    @Test
    void aConnectionCutWithoutACloseIsNoticedWithinTheBoundAndListeningResumesWithAnEmptyCache() throws Exception {
        try (FreezingProxy proxy = proxyToDatabase()) {
            CachingConsentStore nodeA = CachingConsentStore.builder(node()).expireAfterWrite(Duration.ofHours(1)).build();
            AtomicInteger cleared = new AtomicInteger();
            listening = PostgresInvalidations.builder(throughProxy(proxy), CHANNEL, nodeA::evict, () -> {
                nodeA.evictAll();
                cleared.incrementAndGet();
            }).roundTripEvery(Duration.ofMillis(500)).roundTripTimeout(Duration.ofSeconds(1)).build();
            assertThat(listening.status().state()).isEqualTo(PostgresInvalidations.Status.State.LISTENING);
            nodeA.append(List.of(event(Action.GRANT, 0)));
            assertThat(nodeA.events(ALICE)).hasSize(1);

            proxy.freezeOpenConnections();
            Instant frozen = Instant.now();
            node().append(List.of(event(Action.WITHDRAW, 1))); // its notice is held by the frozen path

            // Bound: a round trip every 0.5 s, failing after 1 s, then 0.25 s of back-off before
            // reconnecting; the rest is slack for a busy machine.
            await().atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
                PostgresInvalidations.Status status = listening.status();
                assertThat(status.reconnects()).isEqualTo(1);
                assertThat(status.listening()).isTrue();
                assertThat(status.lastRoundTrip()).isAfter(frozen);
            });
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
            assertThat(cleared).hasValueGreaterThanOrEqualTo(1);
            assertThat(nodeA.events(ALICE)).extracting(ConsentEvent::action).containsExactly(Action.GRANT, Action.WITHDRAW);

            node().append(List.of(event(Action.GRANT, 2)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(nodeA.events(ALICE)).extracting(ConsentEvent::action)
                            .containsExactly(Action.GRANT, Action.WITHDRAW, Action.GRANT));
            listening.close(); // before the proxy closes, which the listener would take for a lost connection
        }
    }

    @Test
    void whenTheNetworkTimeoutDoesNotReachTheReadTheWatchdogAbortsTheConnection() throws Exception {
        try (FreezingProxy proxy = proxyToDatabase()) {
            CachingConsentStore nodeA = CachingConsentStore.builder(node()).expireAfterWrite(Duration.ofHours(1)).build();
            listening = PostgresInvalidations.builder(ignoringNetworkTimeouts(throughProxy(proxy)), CHANNEL, nodeA::evict,
                    nodeA::evictAll).roundTripEvery(Duration.ofMillis(300)).roundTripTimeout(Duration.ofMillis(500)).build();
            nodeA.append(List.of(event(Action.GRANT, 0)));
            assertThat(nodeA.events(ALICE)).hasSize(1);

            proxy.freezeOpenConnections();
            node().append(List.of(event(Action.WITHDRAW, 1)));

            // The round trip now blocks for good; the watchdog aborts it after 2 × (0.3 + 0.5 + 0.5) s.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(listening.status().reconnects()).isEqualTo(1);
                assertThat(listening.status().listening()).isTrue();
            });
            assertThat(nodeA.events(ALICE)).extracting(ConsentEvent::action).containsExactly(Action.GRANT, Action.WITHDRAW);
            listening.close();
        }
    }

    @Test
    void closingStopsTheListener() {
        listening = PostgresInvalidations.builder(dataSource, CHANNEL, subject -> { }, () -> { }).build();
        listening.close();
        assertThat(listening.status().state()).isEqualTo(PostgresInvalidations.Status.State.STOPPED);
        assertThat(listening.status().listening()).isFalse();
        assertThatThrownBy(() -> PostgresInvalidations.builder(dataSource, CHANNEL, subject -> { }, () -> { })
                .roundTripTimeout(Duration.ZERO)).hasMessage("roundTripTimeout must be positive, but was PT0S");
    }

    private static FreezingProxy proxyToDatabase() throws java.io.IOException {
        Matcher address = databaseAddress();
        return new FreezingProxy(address.group(1), address.group(2) == null ? 5432 : Integer.parseInt(address.group(2)));
    }

    private static DataSource throughProxy(FreezingProxy proxy) {
        return TestDatabases.at(databaseAddress().replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"));
    }

    private static Matcher databaseAddress() {
        String url = TestDatabases.urlFromEnvironment(TestDatabases.POSTGRES);
        Matcher address = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(url);
        assertThat(address.find()).as("host and port in %s", url).isTrue();
        return address;
    }

    /** Connections whose {@code setNetworkTimeout} does nothing, as with a pool or driver that ignores it. */
    private static DataSource ignoringNetworkTimeouts(DataSource dataSource) {
        return withoutNetworkTimeouts(DataSource.class, dataSource,
                result -> result instanceof Connection connection
                        ? withoutNetworkTimeouts(Connection.class, connection, UnaryOperator.identity()) : result);
    }

    private static <T> T withoutNetworkTimeouts(Class<T> type, T target, UnaryOperator<Object> wrapResult) {
        InvocationHandler handler = (self, method, arguments) -> {
            if (method.getName().equals("setNetworkTimeout")) {
                return null;
            }
            try {
                return wrapResult.apply(method.invoke(target, arguments));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
