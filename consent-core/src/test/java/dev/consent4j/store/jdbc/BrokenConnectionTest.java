package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.StoreUnavailableException;
import dev.consent4j.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection the server ended (an administrator's restart, a crash) between the pool handing it
 * out and the store using it: the caller learns that the store is unavailable, and the cause is the
 * server's own message, not the "connection has been closed" of the clean-up that followed.
 */
class BrokenConnectionTest {

    private final String url = TestDatabases.urlFromEnvironment(TestDatabases.POSTGRES);
    private final AtomicBoolean endTheSession = new AtomicBoolean();
    private final SubjectId customer = SubjectId.customer("broken-" + System.nanoTime());
    private JdbcConsentStore store;

    @BeforeEach
    void createTheStore() {
        store = JdbcConsentStore.builder(dataSource()).tablePrefix("broken_").dialect(JdbcDialect.POSTGRESQL).build();
        store.initializeSchema();
    }

    @Test
    void aReadInATransactionOnAnEndedSessionReportsTheServersReasonAsUnavailability() {
        endTheSession.set(true);

        StoreUnavailableException failure = catchThrowableOfType(StoreUnavailableException.class,
                () -> store.latestEvents(List.of(customer), List.of(Topic.category("analytics"))));

        assertEndedByTheServer(failure);
    }

    @Test
    void anAppendOnAnEndedSessionReportsUnavailabilityWithoutTheSubject() {
        endTheSession.set(true);

        StoreUnavailableException failure = catchThrowableOfType(StoreUnavailableException.class,
                () -> store.append(List.of(NewEvent.of(customer, Topic.category("analytics"), Action.GRANT, "v1",
                        Instant.now(), Source.BANNER, Actor.SELF, "JP", Evidence.NONE, null, null))));

        assertEndedByTheServer(failure);
        endTheSession.set(false);
        assertThat(store.events(customer)).as("nothing acknowledged, nothing stored").isEmpty();
    }

    @Test
    void aReadOnAnEndedSessionIsUnavailabilityAndADataErrorIsNot() {
        endTheSession.set(true);
        assertEndedByTheServer(catchThrowableOfType(StoreUnavailableException.class, () -> store.events(customer)));

        endTheSession.set(false);
        JdbcConsentStore missingTables = JdbcConsentStore.builder(dataSource()).tablePrefix("never_created_")
                .dialect(JdbcDialect.POSTGRESQL).build();
        ConsentStoreException dataError = catchThrowableOfType(ConsentStoreException.class, () -> missingTables.events(customer));
        assertThat(dataError).isNotInstanceOf(StoreUnavailableException.class);
    }

    private void assertEndedByTheServer(StoreUnavailableException failure) {
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(customer.toString()).doesNotContainIgnoringCase("select");
        assertThat(failure.getCause()).isInstanceOf(SQLException.class);
        SQLException cause = (SQLException) failure.getCause();
        // 57P01 is the server's "terminating connection due to administrator command"; 08006 a
        // failure to send to a backend that is gone. 08003 ("has been closed") is the clean-up's.
        assertThat(cause.getSQLState()).isIn("57P01", "08006");
        assertThat(cause.getMessage()).doesNotContain("has been closed");
    }

    /** Connections of their own; while {@link #endTheSession} is set, the server ends each one's session first. */
    private DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("getConnection") || arguments != null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection connection = DriverManager.getConnection(url);
                    if (endTheSession.get()) {
                        end(connection);
                    }
                    return connection;
                });
    }

    private void end(Connection victim) throws SQLException {
        int pid;
        try (PreparedStatement query = victim.prepareStatement("SELECT pg_backend_pid()"); ResultSet rows = query.executeQuery()) {
            rows.next();
            pid = rows.getInt(1);
        }
        try (Connection admin = DriverManager.getConnection(url);
                PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
            terminate.setInt(1, pid);
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                assertThat(rows.getBoolean(1)).as("the session ended").isTrue();
            }
        }
    }
}
