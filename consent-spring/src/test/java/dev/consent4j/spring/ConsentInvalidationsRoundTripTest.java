package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code consent.store.cache.round-trip-every} and {@code round-trip-timeout} reach the PostgreSQL listener
 * that keeps the cache in step with other nodes. The database is real; the data source in front of it only
 * notes the network timeouts set on its connections and counts the listener's {@code SELECT 1} round trips.
 */
class ConsentInvalidationsRoundTripTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsentStoreAutoConfiguration.class, ConsentAutoConfiguration.class,
                    ConsentWebAutoConfiguration.class))
            .withPropertyValues("consent.store.jdbc.initialize-schema=always", "consent.store.jdbc.table-prefix=c4jroundtrip_");

    @Test
    void theConfiguredRoundTripIsTheListenersTimeoutAndPace() {
        Watched postgres = new Watched(TestDatabases.fromEnvironment(TestDatabases.POSTGRES));
        runner.withBean(DataSource.class, postgres::dataSource)
                .withPropertyValues("consent.store.cache.round-trip-every=50ms", "consent.store.cache.round-trip-timeout=2s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var store = (ConsentStoreAutoConfiguration.ListeningConsentStore) context.getBean(ConsentStore.class);
                    assertThat(store.listening()).isTrue();
                    assertThat(postgres.networkTimeouts).contains(2000);
                    // At the default pace (every 5 s) three round trips would take 15 s.
                    await().atMost(Duration.ofSeconds(8)).until(() -> postgres.roundTrips.get() >= 3);
                });
    }

    @Test
    void withoutTheSettingsTheListenerKeepsItsOwnDefaults() {
        Watched postgres = new Watched(TestDatabases.fromEnvironment(TestDatabases.POSTGRES));
        runner.withBean(DataSource.class, postgres::dataSource).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(postgres.networkTimeouts).containsExactly(3000);
        });
    }

    @Test
    void aRoundTripTheListenerRefusesStopsTheStartNamingTheProperty() {
        Watched postgres = new Watched(TestDatabases.fromEnvironment(TestDatabases.POSTGRES));
        runner.withBean(DataSource.class, postgres::dataSource)
                .withPropertyValues("consent.store.cache.round-trip-timeout=30d")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining(
                            "consent.store.cache.round-trip-timeout: roundTripTimeout must be between 1 ms and 24 days");
                });
        runner.withBean(DataSource.class, postgres::dataSource)
                .withPropertyValues("consent.store.cache.round-trip-every=0s")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
                        "consent.store.cache.round-trip-every: roundTripEvery must be positive"));
    }

    /** A real data source whose connections report their network timeouts and SELECT 1 round trips. */
    static final class Watched {
        final List<Integer> networkTimeouts = new CopyOnWriteArrayList<>();
        final AtomicInteger roundTrips = new AtomicInteger();
        private final DataSource target;

        Watched(DataSource target) {
            this.target = target;
        }

        DataSource dataSource() {
            return proxy(DataSource.class, target, (method, args) -> {
                Object result = method.invoke(target, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }

        private Connection connection(Connection connection) {
            return proxy(Connection.class, connection, (method, args) -> {
                if (method.getName().equals("setNetworkTimeout")) {
                    networkTimeouts.add((Integer) args[1]);
                }
                Object result = method.invoke(connection, args);
                return method.getName().equals("createStatement") && result instanceof Statement statement
                        ? statement(statement) : result;
            });
        }

        private Statement statement(Statement statement) {
            return proxy(Statement.class, statement, (method, args) -> {
                if (method.getName().equals("execute") && args != null && "SELECT 1".equals(args[0])) {
                    roundTrips.incrementAndGet();
                }
                return method.invoke(statement, args);
            });
        }

        private interface Call {
            Object invoke(Method method, Object[] args) throws Exception;
        }

        private static <T> T proxy(Class<T> type, T target, Call call) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                try {
                    return call.invoke(method, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }));
        }
    }
}
