package dev.consent4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;

/**
 * How long a withdrawal recorded on one node takes to reach the other nodes' decisions, per store.
 * Three nodes share one database, each with its own connection pool, {@link CachingConsentStore}
 * and {@link ConsentManager}, as separate application instances would. Nodes B and C first read
 * every subject once, spread over one expiry period, then over and over (hot subjects, as
 * per-request reads make them), while node A
 * withdraws the subjects' newsletter consent one after another, 20 ms apart (on 4 writer threads). Each withdrawal's time
 * runs from the start of A's {@code record} call until both B and C answer "may not contact".
 * <ul>
 *   <li>PostgreSQL: appends notify, each node runs a {@link PostgresInvalidations}; the cache entries
 *       live for 10 minutes, so only the notification can make B and C see the change.</li>
 *   <li>H2 (a TCP server, the way several nodes share one H2 database) and MariaDB: no such channel;
 *       the cache expiry (2 s here) is the bound.</li>
 * </ul>
 * PostgreSQL when {@code CONSENT4J_BENCH_POSTGRES_URL} is set, MariaDB when
 * {@code CONSENT4J_BENCH_MARIADB_URL} is; H2 always. Arguments: withdrawals per store (200) and the
 * cache expiry in milliseconds for the stores without notifications (2000).
 */
public final class InvalidationRun {

    private static final String PREFIX = "bench_inv_";
    private static final Topic NEWSLETTER = Topic.contact("newsletter", "email");
    private static final long SPACING_NANOS = 20_000_000;
    private static final int WRITERS = 4;
    private static final Duration NOTIFIED_EXPIRY = Duration.ofMinutes(10);

    private InvalidationRun() {
    }

    public static void main(String[] args) throws Exception {
        int withdrawals = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Duration expiry = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2_000);
        Policy policy = Fixtures.examplePolicy();
        System.out.println("| store | how the other nodes learn | withdrawals | A's record call, p50 | B's and C's pass"
                + " over all subjects, p50 | p99 | until B and C answer \"withdrawn\", p50 | p99 | max | run |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");

        Path h2Dir = Path.of("target", "bench-invalidation-h2").toAbsolutePath();
        if (Files.exists(h2Dir)) {
            try (var files = Files.walk(h2Dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(h2Dir);
        int port = freePort();
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", h2Dir.toString(), "-ifNotExists")
                .start();
        try {
            // A first, unreported round, so that the JIT has compiled the paths before any figure counts.
            run(null, "warm-up", "jdbc:h2:tcp://127.0.0.1:" + port + "/warmup", false, expiry, policy, withdrawals / 4);
            run("H2 (TCP server)", "cache expiry " + expiry.toMillis() + " ms", "jdbc:h2:tcp://127.0.0.1:" + port + "/consent",
                    false, expiry, policy, withdrawals);
        } finally {
            h2.stop();
        }

        String postgres = System.getenv("CONSENT4J_BENCH_POSTGRES_URL");
        if (postgres != null && !postgres.isBlank()) {
            run("PostgreSQL", "notification (LISTEN/NOTIFY), cache expiry " + NOTIFIED_EXPIRY.toMinutes() + " min",
                    postgres, true, NOTIFIED_EXPIRY, policy, withdrawals);
        } else {
            System.out.println("| PostgreSQL | skipped: set CONSENT4J_BENCH_POSTGRES_URL | | | | | | | | |");
        }

        String mariadb = System.getenv("CONSENT4J_BENCH_MARIADB_URL");
        if (mariadb != null && !mariadb.isBlank()) {
            run("MariaDB", "cache expiry " + expiry.toMillis() + " ms", mariadb, false, expiry, policy, withdrawals);
        } else {
            System.out.println("| MariaDB | skipped: set CONSENT4J_BENCH_MARIADB_URL | | | | | | | | |");
        }
    }

    private static void run(@Nullable String name, String how, String url, boolean notify, Duration expiry, Policy policy,
            int withdrawals) throws Exception {
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            HikariDataSource setup = pool(url, toClose);
            dropTables(setup);
            String channel = notify ? PREFIX + "changes" : null;
            JdbcConsentStore.builder(setup).tablePrefix(PREFIX).notifyChannel(channel).build().initializeSchema();

            ConsentManager[] nodes = new ConsentManager[3];
            CachingConsentStore[] caches = new CachingConsentStore[nodes.length];
            for (int n = 0; n < nodes.length; n++) {
                HikariDataSource dataSource = pool(url, toClose);
                CachingConsentStore cache = CachingConsentStore.builder(
                        JdbcConsentStore.builder(dataSource).tablePrefix(PREFIX).notifyChannel(channel).build())
                        .expireAfterWrite(expiry).build();
                if (notify) {
                    toClose.add(new PostgresInvalidations(dataSource, Objects.requireNonNull(channel, "a notifying run has a channel"),
                            cache::evict, cache::evictAll));
                }
                caches[n] = cache;
                nodes[n] = ConsentManager.builder(policy, cache).build();
            }
            String row = measure(name, how, caches, nodes, withdrawals, expiry);
            if (name != null) {
                System.out.println(row);
            }
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
        }
    }

    private static String measure(@Nullable String name, String how, CachingConsentStore[] caches, ConsentManager[] nodes,
            int withdrawals, Duration expiry) throws InterruptedException {
        long runStart = System.nanoTime();
        ConsentManager nodeA = nodes[0];
        SubjectId[] subjects = new SubjectId[withdrawals];
        List<NewEvent> grants = new ArrayList<>(withdrawals);
        for (int i = 0; i < withdrawals; i++) {
            subjects[i] = SubjectId.customer("inv-" + i);
            grants.add(NewEvent.of(subjects[i], NEWSLETTER, Action.GRANT, nodeA.policy().version(),
                    nodeA.clock().instant(), Source.ACCOUNT_PAGE, Actor.SELF, "JP", Evidence.NONE, null, null));
        }
        caches[0].append(grants);

        // B and C first read the subjects spread over one expiry period (2 s at most), so that their
        // entries expire at scattered moments, as those of subjects read by real requests do.
        long spreadNanos = Math.min(expiry.toNanos(), Duration.ofSeconds(2).toNanos());
        long warmUpStart = System.nanoTime();
        for (int i = 0; i < withdrawals; i++) {
            LockSupport.parkNanos(warmUpStart + spreadNanos * i / withdrawals - System.nanoTime());
            for (int n = 1; n < nodes.length; n++) {
                if (!nodes[n].mayContact(subjects[i], "newsletter", "email")) {
                    throw new IllegalStateException(subjects[i] + " should have been granted on every node");
                }
            }
        }
        AtomicLongArray withdrawnAt = new AtomicLongArray(withdrawals);
        AtomicLongArray[] seenAt = {new AtomicLongArray(withdrawals), new AtomicLongArray(withdrawals)};
        List<Long> passNanos = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < seenAt.length; r++) {
            ConsentManager node = nodes[r + 1];
            AtomicLongArray seen = seenAt[r];
            Thread reader = new Thread(() -> read(node, subjects, withdrawnAt, seen, passNanos), "reader-" + (char) ('B' + r));
            reader.setDaemon(true);
            readers.add(reader);
            reader.start();
        }

        // Withdrawals start on schedule, each on a writer thread of its own pool, so that a slow
        // commit does not hold back the ones after it.
        long[] recordNanos = new long[withdrawals];
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long next = System.nanoTime();
        for (int i = 0; i < withdrawals; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += SPACING_NANOS;
            int index = i;
            writers.execute(() -> {
                long start = System.nanoTime();
                withdrawnAt.set(index, start);
                nodeA.record(ChoiceRequest.of(subjects[index], NEWSLETTER, Action.WITHDRAW, Source.ACCOUNT_PAGE, Jurisdiction.JP));
                recordNanos[index] = System.nanoTime() - start;
            });
        }
        writers.shutdown();
        if (!writers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node A's withdrawals did not finish within 60 s");
        }
        for (Thread reader : readers) {
            reader.join(expiry.toMillis() + 30_000);
        }

        long[] everyNode = new long[withdrawals];
        int missed = 0;
        for (int i = 0; i < withdrawals; i++) {
            long b = seenAt[0].get(i);
            long c = seenAt[1].get(i);
            if (b == 0 || c == 0) {
                missed++;
                everyNode[i] = Long.MAX_VALUE;
            } else {
                everyNode[i] = Math.max(b, c) - withdrawnAt.get(i);
            }
        }
        Arrays.sort(everyNode);
        Arrays.sort(recordNanos);
        long[] passes = passNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %s | %d%s | %s | %s | %s | **%s** | **%s** | %s | %.0f s |", name, how, withdrawals,
                missed == 0 ? "" : " (" + missed + " never seen)", millis(percentile(recordNanos, 0.50)),
                millis(percentile(passes, 0.50)), millis(percentile(passes, 0.99)),
                millis(percentile(everyNode, 0.50)), millis(percentile(everyNode, 0.99)), millis(everyNode[withdrawals - 1]),
                (System.nanoTime() - runStart) / 1e9);
    }

    /** Reads every subject's state again and again until it has seen every withdrawal (or 30 s pass). */
    private static void read(ConsentManager node, SubjectId[] subjects, AtomicLongArray withdrawnAt, AtomicLongArray seen,
            List<Long> passNanos) {
        long deadline = System.nanoTime() + 30_000_000_000L + subjects.length * SPACING_NANOS;
        int left = subjects.length;
        long passStart = System.nanoTime();
        while (left > 0 && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            passNanos.add(now - passStart);
            passStart = now;
            for (int i = 0; i < subjects.length; i++) {
                boolean allowed = node.mayContact(subjects[i], "newsletter", "email");
                if (!allowed && seen.get(i) == 0 && withdrawnAt.get(i) != 0) {
                    seen.set(i, System.nanoTime());
                    left--;
                }
            }
            LockSupport.parkNanos(200_000); // leave the cores to node A and the database between passes
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static HikariDataSource pool(String url, List<AutoCloseable> toClose) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(WRITERS + 2); // the writers, a reader and the listener
        HikariDataSource dataSource = new HikariDataSource(config);
        toClose.add(dataSource);
        return dataSource;
    }

    private static void dropTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "latest");
            statement.execute("DROP TABLE IF EXISTS " + PREFIX + "event");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
