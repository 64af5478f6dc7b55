package dev.consent4j.store.cache;

import dev.consent4j.event.SubjectId;
import dev.consent4j.internal.Arguments;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's cache in step with appends made by other nodes on PostgreSQL: listens on the
 * channel a {@link dev.consent4j.store.jdbc.JdbcConsentStore} built with {@code notifyChannel}
 * notifies, and forgets each subject named.
 *
 * <pre>{@code
 * JdbcConsentStore jdbc = JdbcConsentStore.builder(dataSource).notifyChannel("consent_changes").build();
 * CachingConsentStore cache = CachingConsentStore.builder(jdbc).expireAfterWrite(Duration.ofMinutes(5)).build();
 * PostgresInvalidations listening = PostgresInvalidations.builder(dataSource, "consent_changes", cache::evict, cache::evictAll)
 *         .roundTripEvery(Duration.ofSeconds(5)).roundTripTimeout(Duration.ofSeconds(3)).build();
 * }</pre>
 *
 * <p>A connection can die without either end being told (a NAT or firewall entry dropped, a peer
 * gone): waiting for notifications on it would wait forever. So the listener makes a round trip
 * ({@code SELECT 1}) every {@link Builder#roundTripEvery} with a network timeout of
 * {@link Builder#roundTripTimeout}, and notices a dead connection within about their sum. It then
 * forgets every subject (notifications may have been missed), connects again with a back-off (0.25 s
 * doubling to 10 s), forgets every subject once more when it listens again, and counts the
 * reconnection in {@link #status()}. A watchdog aborts the connection if no round trip has completed
 * for twice the bound, in case a read blocks where the network timeout does not reach.
 *
 * <p>Holds one connection of {@code dataSource} for as long as it runs, on a daemon thread, and a
 * daemon watchdog thread; {@link #close} stops both.
 */
public final class PostgresInvalidations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresInvalidations.class);
    private static final long MAX_WAIT_MILLIS = 500;
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long LAST_BACKOFF_MILLIS = 10_000;

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<SubjectId> evict;
    private final Runnable evictAll;
    private final long roundTripEveryNanos;
    private final int roundTripTimeoutMillis;
    private final long overdueNanos;
    private final Thread thread;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running = true;
    private volatile @Nullable Connection connection;
    private volatile Status.State state = Status.State.LISTENING;
    private volatile long lastRoundTripNanos;
    @SuppressWarnings("NullAway.Init") // set by listen(), which the constructor calls, through roundTripDone()
    private volatile Instant lastRoundTrip;

    /**
     * Listens with the default round trip (every 5 s, 3 s timeout); see {@link #builder}.
     *
     * @param evict    forgets one subject, e.g. {@code cache::evict}
     * @param evictAll forgets every subject, e.g. {@code cache::evictAll}
     */
    public PostgresInvalidations(DataSource dataSource, String channel, Consumer<SubjectId> evict, Runnable evictAll) {
        this(builder(dataSource, channel, evict, evictAll));
    }

    private PostgresInvalidations(Builder builder) {
        this.dataSource = builder.dataSource;
        this.channel = builder.channel;
        this.evict = builder.evict;
        this.evictAll = builder.evictAll;
        this.roundTripEveryNanos = builder.roundTripEvery.toNanos();
        this.roundTripTimeoutMillis = (int) builder.roundTripTimeout.toMillis();
        this.overdueNanos = 2 * (roundTripEveryNanos + TimeUnit.MILLISECONDS.toNanos(roundTripTimeoutMillis + MAX_WAIT_MILLIS));
        try {
            this.connection = listen();
        } catch (SQLException e) {
            throw new IllegalStateException("could not LISTEN on " + channel + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "consent4j-invalidations-" + channel);
        thread.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread watching = new Thread(task, "consent4j-invalidations-watchdog-" + channel);
            watching.setDaemon(true);
            return watching;
        });
        thread.start();
        long checkNanos = Math.max(roundTripEveryNanos, TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS));
        watchdog.scheduleWithFixedDelay(this::abortIfOverdue, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A listener to configure; {@link Builder#build} starts it.
     *
     * @param evict    forgets one subject, e.g. {@code cache::evict}
     * @param evictAll forgets every subject, e.g. {@code cache::evictAll}
     */
    public static Builder builder(DataSource dataSource, String channel, Consumer<SubjectId> evict, Runnable evictAll) {
        return new Builder(dataSource, channel, evict, evictAll);
    }

    /** Opens a connection whose reads time out, listens on it, and counts that as a round trip. */
    private Connection listen() throws SQLException {
        Connection listening = dataSource.getConnection();
        try {
            listening.setAutoCommit(true);
            listening.setNetworkTimeout(Runnable::run, roundTripTimeoutMillis);
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(listening);
            throw e;
        }
        roundTripDone();
        return listening;
    }

    private void run() {
        try {
            listenUntilClosed();
        } finally {
            // A connection opened while close() ran would otherwise stay open.
            Connection last = connection;
            connection = null;
            closeQuietly(last);
        }
    }

    private void listenUntilClosed() {
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        while (running) {
            try {
                if (connection == null) {
                    connection = listen();
                    evictAll.run(); // whatever was appended while nobody listened
                    reconnects.incrementAndGet();
                    state = Status.State.LISTENING;
                    backoffMillis = FIRST_BACKOFF_MILLIS;
                    LOG.info("listening again on {} for consent changes; the cache was cleared", channel);
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications((int) waitMillis());
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        evictOne(notification.getParameter());
                    }
                }
                if (System.nanoTime() - lastRoundTripNanos >= roundTripEveryNanos) {
                    roundTrip(connection);
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (state == Status.State.LISTENING) {
                    LOG.warn("lost the connection listening on {} ({}); the cache is cleared and listening resumes",
                            channel, e.getMessage());
                } else {
                    LOG.warn("could not listen again on {} ({}); next attempt in {} ms", channel, e.getMessage(), backoffMillis);
                }
                state = Status.State.RECONNECTING;
                Connection broken = connection;
                connection = null;
                closeQuietly(broken);
                evictAll.run();
                waitBeforeReconnecting(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, LAST_BACKOFF_MILLIS);
            }
        }
    }

    /** Waits for notifications no longer than until the next round trip is due. */
    private long waitMillis() {
        long untilRoundTrip = TimeUnit.NANOSECONDS.toMillis(roundTripEveryNanos - (System.nanoTime() - lastRoundTripNanos));
        return Math.max(1, Math.min(MAX_WAIT_MILLIS, untilRoundTrip));
    }

    private void roundTrip(Connection current) throws SQLException {
        try (Statement statement = current.createStatement()) {
            statement.execute("SELECT 1");
        }
        roundTripDone();
    }

    private void roundTripDone() {
        lastRoundTripNanos = System.nanoTime();
        lastRoundTrip = Instant.now();
    }

    private boolean overdue() {
        return System.nanoTime() - lastRoundTripNanos > overdueNanos;
    }

    /**
     * Aborts a connection that has made no round trip for twice the bound: a read that the network
     * timeout does not cover (the driver waits without a timeout once a message has begun) is then
     * woken with an error, and the loop reconnects.
     */
    private void abortIfOverdue() {
        Connection current = connection;
        if (running && current != null && state == Status.State.LISTENING && overdue()) {
            LOG.warn("no round trip on the connection listening on {} for {} ms; aborting it", channel,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRoundTripNanos));
            try {
                current.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not abort the connection listening on {} ({})", channel, e.getMessage());
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
    private void waitBeforeReconnecting(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Whether the listening thread is still running (listening, or connecting again). */
    public boolean running() {
        return running && thread.isAlive();
    }

    /** Where the listener stands, for a health check: read at each call. */
    public Status status() {
        Status.State now = running() ? state : Status.State.STOPPED;
        return new Status(now, lastRoundTrip, reconnects.get(), now == Status.State.LISTENING && overdue());
    }

    @Override
    public void close() {
        running = false;
        watchdog.shutdownNow();
        thread.interrupt();
        try {
            thread.join(MAX_WAIT_MILLIS * 4L + roundTripTimeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection last = connection;
        connection = null;
        closeQuietly(last);
    }

    /**
     * The listener's state.
     *
     * @param state         listening, reconnecting (the connection was lost; the cache was cleared
     *                      and is cleared again when listening resumes) or stopped
     * @param lastRoundTrip when the database last answered on the listening connection
     * @param reconnects    how many times listening resumed after a lost connection
     * @param overdue       listening, but no round trip for twice the bound: the connection is
     *                      about to be aborted
     */
    public record Status(State state, Instant lastRoundTrip, long reconnects, boolean overdue) {

        /** What the listener is doing. */
        public enum State { LISTENING, RECONNECTING, STOPPED }

        /** Whether other nodes' appends reach this node's cache at once. */
        public boolean listening() {
            return state == State.LISTENING && !overdue;
        }
    }

    /** Configures a {@link PostgresInvalidations}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final String channel;
        private final Consumer<SubjectId> evict;
        private final Runnable evictAll;
        private Duration roundTripEvery = Duration.ofSeconds(5);
        private Duration roundTripTimeout = Duration.ofSeconds(3);

        private Builder(DataSource dataSource, String channel, Consumer<SubjectId> evict, Runnable evictAll) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            if (!Objects.requireNonNull(channel, "channel").matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a channel is lower-case letters, digits and '_', but was '" + channel + "'");
            }
            this.channel = channel;
            this.evict = Objects.requireNonNull(evict, "evict");
            this.evictAll = Objects.requireNonNull(evictAll, "evictAll");
        }

        /** How often the listening connection is proved alive with a {@code SELECT 1} (5 s by default). */
        public Builder roundTripEvery(Duration roundTripEvery) {
            this.roundTripEvery = Arguments.positive("roundTripEvery", roundTripEvery);
            return this;
        }

        /**
         * How long a round trip may take before the connection counts as dead (3 s by default);
         * also the network timeout of every read on the listening connection.
         */
        public Builder roundTripTimeout(Duration roundTripTimeout) {
            Duration checked = Arguments.positive("roundTripTimeout", roundTripTimeout);
            if (checked.toMillis() < 1 || checked.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("roundTripTimeout must be between 1 ms and 24 days, but was " + checked);
            }
            this.roundTripTimeout = checked;
            return this;
        }

        /** Listens before returning, so every append committed after this returns is seen. */
        public PostgresInvalidations build() {
            return new PostgresInvalidations(this);
        }
    }
}
