package dev.consent4j.store.cache;

import dev.consent4j.event.SubjectId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's cache in step with appends made by other nodes on PostgreSQL: listens on the
 * channel a {@link dev.consent4j.store.jdbc.JdbcConsentStore} built with {@code notifyChannel}
 * notifies, and forgets each subject named. After a lost connection it forgets everything, since
 * notifications may have been missed, and listens again.
 *
 * <pre>{@code
 * JdbcConsentStore jdbc = JdbcConsentStore.builder(dataSource).notifyChannel("consent_changes").build();
 * CachingConsentStore cache = CachingConsentStore.builder(jdbc).expireAfterWrite(Duration.ofMinutes(5)).build();
 * PostgresInvalidations listening = new PostgresInvalidations(dataSource, "consent_changes", cache::evict, cache::evictAll);
 * }</pre>
 *
 * <p>Holds one connection of {@code dataSource} for as long as it runs, on a daemon thread;
 * {@link #close} stops both.
 */
public final class PostgresInvalidations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresInvalidations.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<SubjectId> evict;
    private final Runnable evictAll;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * Listens before returning, so every append committed after this constructor returns is seen.
     *
     * @param evict    forgets one subject, e.g. {@code cache::evict}
     * @param evictAll forgets every subject, e.g. {@code cache::evictAll}
     */
    public PostgresInvalidations(DataSource dataSource, String channel, Consumer<SubjectId> evict, Runnable evictAll) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (!Objects.requireNonNull(channel, "channel").matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("a channel is lower-case letters, digits and '_', but was '" + channel + "'");
        }
        this.channel = channel;
        this.evict = Objects.requireNonNull(evict, "evict");
        this.evictAll = Objects.requireNonNull(evictAll, "evictAll");
        try {
            this.connection = listen();
        } catch (SQLException e) {
            throw new IllegalStateException("could not LISTEN on " + channel + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "consent4j-invalidations-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    private Connection listen() throws SQLException {
        Connection listening = dataSource.getConnection();
        listening.setAutoCommit(true);
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + channel);
        }
        return listening;
    }

    private void run() {
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                    evictAll.run(); // whatever was appended while nobody listened
                    LOG.info("listening again on {} for consent changes", channel);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        evictOne(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("lost the connection listening on {} ({}); the cache is cleared and listening resumes",
                        channel, e.getMessage());
                closeQuietly();
                evictAll.run();
                waitBeforeReconnecting();
            }
        }
    }

    private void evictOne(String subject) {
        try {
            evict.accept(SubjectId.parse(subject));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignored a notification on {} that names no subject", channel);
        }
    }

    /**
     * A pause between attempts, so that a database that is down is not asked for a connection in
     * a tight loop; this thread has nothing else to do meanwhile.
     */
    private void waitBeforeReconnecting() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Whether the listening thread is still running. */
    public boolean running() {
        return running && thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(POLL_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
