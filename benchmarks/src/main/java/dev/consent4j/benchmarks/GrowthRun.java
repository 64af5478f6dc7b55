package dev.consent4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.jdbc.JdbcDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether what an append and {@code record()} cost stays the same as data grows, on each database:
 * <ul>
 *   <li>an append of 100 events for 100 new customers, and of one event on an existing chain, with
 *       10³, 10⁴, 10⁵ and 10⁶ events already in the table;</li>
 *   <li>{@link ConsentManager#record} for one subject with 10, 100, 1,000 and 10,000 events in its
 *       history;</li>
 *   <li>sixteen threads recording for one subject at once: the 99th percentile per call against the
 *       single-thread median on the same subject.</li>
 * </ul>
 * Each size is compared with the smallest (target: within 1.2×). The tables are filled with
 * bulk SQL through the store's own schema (events in chains of 10 on three topics, with their
 * latest and head rows), not through the API. On PostgreSQL it runs twice: on tables that were
 * never analysed (as with autovacuum off: no plan rests on statistics) and on tables analysed
 * after every fill. H2 always (a file database under {@code target/}); PostgreSQL and MariaDB when
 * {@code CONSENT4J_BENCH_POSTGRES_URL} and {@code CONSENT4J_BENCH_MARIADB_URL} are set. The tables
 * ({@code growth_}, {@code growtha_}) stay until the next run, for EXPLAIN.
 */
public final class GrowthRun {

    private static final int[] TABLE_SIZES = {1_000, 10_000, 100_000, 1_000_000};
    private static final int[] HISTORY_SIZES = {10, 100, 1_000, 10_000};
    private static final int BATCH = 100;
    private static final int WARM_UP = 5;
    private static final int ROUNDS = 25;
    private static final int THREADS = 16;
    private static final int CALLS_PER_THREAD = 25;
    private static final int FILL_CHUNK = 100_000;
    private static final String[] TOPICS = {"purpose:newsletter:email", "purpose:catalogue:post", "category:analytics"};

    private GrowthRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> databases = List.of((args.length > 0 ? args[0] : "h2,postgresql,mariadb").split(","));
        Policy policy = Fixtures.examplePolicy();
        long start = System.nanoTime();
        System.out.println("| database | figure | " + label(TABLE_SIZES[0]) + " | " + label(TABLE_SIZES[1]) + " | "
                + label(TABLE_SIZES[2]) + " | " + label(TABLE_SIZES[3]) + " | largest / smallest | target ≤ 1.2× |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<String> recordRows = new ArrayList<>();
        List<String> threadRows = new ArrayList<>();

        Path h2Dir = Path.of("target", "bench-growth");
        if (Files.exists(h2Dir)) {
            try (var files = Files.walk(h2Dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (databases.contains("h2")) {
            run("H2 (file)", "jdbc:h2:file:./target/bench-growth/h2", "growth_", false, policy, recordRows, threadRows);
        }
        String postgres = System.getenv("CONSENT4J_BENCH_POSTGRES_URL");
        if (!databases.contains("postgresql")) {
            postgres = null;
        } else if (postgres != null && !postgres.isBlank()) {
            run("PostgreSQL, never analysed", postgres, "growth_", false, policy, recordRows, threadRows);
            run("PostgreSQL, ANALYZE after each fill", postgres, "growtha_", true, policy, recordRows, threadRows);
        } else {
            System.out.println("| PostgreSQL | skipped: set CONSENT4J_BENCH_POSTGRES_URL | | | | | | |");
        }
        String mariadb = System.getenv("CONSENT4J_BENCH_MARIADB_URL");
        if (!databases.contains("mariadb")) {
            mariadb = null;
        } else if (mariadb != null && !mariadb.isBlank()) {
            run("MariaDB", mariadb, "growth_", false, policy, recordRows, threadRows);
        } else {
            System.out.println("| MariaDB | skipped: set CONSENT4J_BENCH_MARIADB_URL | | | | | | |");
        }

        System.out.println();
        System.out.println("| database | figure | " + HISTORY_SIZES[0] + " events | " + HISTORY_SIZES[1] + " | "
                + String.format(Locale.ROOT, "%,d", HISTORY_SIZES[2]) + " | " + String.format(Locale.ROOT, "%,d", HISTORY_SIZES[3])
                + " | largest / smallest | target ≤ 1.2× |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        recordRows.forEach(System.out::println);
        System.out.println();
        System.out.println("| database | single-thread median | " + THREADS + " threads: median | p99 | p99 / single median | target ≤ 10× |");
        System.out.println("|---|---|---|---|---|---|");
        threadRows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%ntotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void run(String name, String url, String prefix, boolean analyze, Policy policy,
            List<String> recordRows, List<String> threadRows) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(THREADS + 2);
        config.setPoolName("growth");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcDialect dialect = JdbcDialect.of(dataSource);
            Fill fill = new Fill(dialect, prefix);
            fill.dropTables(dataSource);
            warmUp(dataSource, new Fill(dialect, prefix + "w"), policy);
            JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).build();
            store.initializeSchema();

            double[] batch = new double[TABLE_SIZES.length];
            double[] single = new double[TABLE_SIZES.length];
            long filled = 0;
            for (int i = 0; i < TABLE_SIZES.length; i++) {
                long fillStart = System.nanoTime();
                fill.chains(dataSource, filled, TABLE_SIZES[i]);
                System.err.printf(Locale.ROOT, "%s: filled %,d events in %.1f s%n", name, TABLE_SIZES[i], (System.nanoTime() - fillStart) / 1e9);
                filled = TABLE_SIZES[i];
                if (analyze) {
                    fill.analyze(dataSource);
                }
                int size = i;
                batch[i] = medianMillis(round -> {
                    store.append(newChains(policy, "n" + size + "-" + round + "-"));
                });
                long chains = filled / 10;
                single[i] = medianMillis(round -> {
                    SubjectId existing = SubjectId.customer(filler(Math.floorMod(round * 7919L + size * 104729L, chains)));
                    store.append(List.of(event(policy, existing, Topic.parse(TOPICS[round % 3]))));
                });
            }
            System.out.println(row(name, "append, batch of 100 events on new chains", batch));
            System.out.println(row(name, "append, one event on an existing chain", single));

            ConsentManager consents = ConsentManager.builder(policy, store).build();
            double[] record = new double[HISTORY_SIZES.length];
            for (int i = 0; i < HISTORY_SIZES.length; i++) {
                SubjectId subject = SubjectId.customer("h" + HISTORY_SIZES[i]);
                fill.history(dataSource, subject.toString(), HISTORY_SIZES[i]);
                if (analyze) {
                    fill.analyze(dataSource);
                }
                record[i] = medianMillis(round -> consents.record(ChoiceRequest.of(subject, Topic.category("analytics"),
                        round % 2 == 0 ? Action.GRANT : Action.DENY, Source.PREFERENCE_CENTRE, Jurisdiction.JP)));
            }
            recordRows.add(row(name, "`record()`, one choice", record));

            SubjectId shared = SubjectId.customer("h" + HISTORY_SIZES[0]);
            double singleMedian = medianMillis(round -> consents.record(ChoiceRequest.of(shared, Topic.category("analytics"),
                    round % 2 == 0 ? Action.GRANT : Action.DENY, Source.PREFERENCE_CENTRE, Jurisdiction.JP)));
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    running.add(threads.submit(() -> {
                        for (int call = 0; call < CALLS_PER_THREAD; call++) {
                            long begin = System.nanoTime();
                            consents.record(ChoiceRequest.of(shared, Topic.category("analytics"),
                                    (thread + call) % 2 == 0 ? Action.GRANT : Action.DENY, Source.PREFERENCE_CENTRE, Jurisdiction.JP));
                            nanos.add(System.nanoTime() - begin);
                        }
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                threads.shutdown();
            }
            requireLinked(name, store.events(shared), HISTORY_SIZES[0]);
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            double median = sorted[sorted.length / 2] / 1e6;
            double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
            threadRows.add(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %.1f× | %s |", name, singleMedian,
                    median, p99, p99 / singleMedian, p99 / singleMedian <= 10 ? "✔" : "✘"));
        }
    }

    /** Every event after the filled ones (whose hashes are made up) is in place and links to the one before. */
    private static void requireLinked(String name, List<ConsentEvent> chain, int filled) {
        for (int i = 0; i < chain.size(); i++) {
            boolean placed = chain.get(i).sequence() == i + 1;
            if (!placed || i >= filled && !chain.get(i).previousHash().equals(chain.get(i - 1).hash())) {
                throw new IllegalStateException(name + ": the chain of " + chain.get(i).subject() + " is broken at " + (i + 1));
            }
        }
    }

    /** Runs every measured path on tables of its own first, so that the smallest size is not measured cold. */
    private static void warmUp(HikariDataSource dataSource, Fill fill, Policy policy) throws Exception {
        fill.dropTables(dataSource);
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(fill.prefix()).build();
        store.initializeSchema();
        fill.chains(dataSource, 0, 1_000);
        fill.history(dataSource, "c:h10", 10);
        ConsentManager consents = ConsentManager.builder(policy, store).build();
        SubjectId subject = SubjectId.customer("h10");
        for (int round = 0; round < 40; round++) {
            store.append(newChains(policy, "w" + round + "-"));
            store.append(List.of(event(policy, SubjectId.customer(filler(round)), Topic.parse(TOPICS[round % 3]))));
            consents.record(ChoiceRequest.of(subject, Topic.category("analytics"), round % 2 == 0 ? Action.GRANT : Action.DENY,
                    Source.PREFERENCE_CENTRE, Jurisdiction.JP));
        }
        fill.dropTables(dataSource);
    }

    private static String row(String name, String figure, double[] millis) {
        StringBuilder row = new StringBuilder("| ").append(name).append(" | ").append(figure).append(" |");
        for (double value : millis) {
            row.append(String.format(Locale.ROOT, " %.2f ms |", value));
        }
        double ratio = millis[millis.length - 1] / millis[0];
        return row.append(String.format(Locale.ROOT, " %.2f× | %s |", ratio, ratio <= 1.2 ? "✔" : "✘")).toString();
    }

    /** The id of the {@code n}th filler customer, as {@link Fill#chains} writes it. */
    private static String filler(long n) {
        return String.format(Locale.ROOT, "f%07d", n);
    }

    private static String label(int size) {
        return String.format(Locale.ROOT, "%,d events", size);
    }

    /** The median of {@link #ROUNDS} timed calls, after {@link #WARM_UP} untimed ones. */
    private static double medianMillis(Round round) throws Exception {
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long begin = System.nanoTime();
            round.run(i);
            if (i >= WARM_UP) {
                nanos[i - WARM_UP] = System.nanoTime() - begin;
            }
        }
        java.util.Arrays.sort(nanos);
        return (nanos[ROUNDS / 2 - 1] + nanos[ROUNDS / 2]) / 2e6;
    }

    @FunctionalInterface
    private interface Round {
        void run(int round) throws Exception;
    }

    private static List<NewEvent> newChains(Policy policy, String prefix) {
        List<NewEvent> events = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            events.add(event(policy, SubjectId.customer(prefix + i), Topic.contact("newsletter", "email")));
        }
        return events;
    }

    private static NewEvent event(Policy policy, SubjectId subject, Topic topic) {
        return NewEvent.of(subject, topic, Action.GRANT, policy.version(), Instant.now(), Source.IMPORT,
                Actor.SELF, "JP", new Evidence(policy.version(), "ja", "benchmark", null), null, null);
    }

    /**
     * Bulk SQL that fills the store's tables as appends would have: event {@code x} (from 0) is
     * position {@code x % 10 + 1} of customer {@code f<x / 10, in 7 digits>}, on topic {@code x % 3}; the latest
     * table holds each chain's last event per topic and the head table its last event.
     */
    private record Fill(JdbcDialect dialect, String prefix) {

        private static final String EVENT_COLUMNS = "(id, subject, seq, topic, action, policy_version, time_seconds,"
                + " time_nanos, source, actor, jurisdiction, previous_hash, hash, format)";

        void dropTables(HikariDataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("chain_head", "latest", "event")) {
                    statement.execute("DROP TABLE IF EXISTS " + prefix + table);
                }
            }
        }

        void analyze(HikariDataSource dataSource) throws SQLException {
            if (dialect != JdbcDialect.POSTGRESQL) {
                return;
            }
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("chain_head", "latest", "event")) {
                    statement.execute("ANALYZE " + prefix + table);
                }
            }
        }

        /** Events {@code from} (inclusive) to {@code to} (exclusive) of the filler chains; {@code from} is a multiple of 10. */
        void chains(HikariDataSource dataSource, long from, long to) throws SQLException {
            String subject = "CONCAT('c:f', LPAD(" + text(div("x", 10)) + ", 7, '0'))";
            String seq = "(MOD(x, 10) + 1)";
            for (long chunk = from; chunk < to; chunk += FILL_CHUNK) {
                long end = Math.min(to, chunk + FILL_CHUNK);
                insert(dataSource, chunk, end, id("000000000000"), subject, seq,
                        "MOD(x, 10) >= 7", "MOD(x, 10) = 9");
            }
        }

        /** One customer's chain of {@code length} events. */
        void history(HikariDataSource dataSource, String subject, int length) throws SQLException {
            insert(dataSource, 0, length, id(String.format(Locale.ROOT, "%012d", length)), "'" + subject + "'", "(x + 1)",
                    "x >= " + (length - 3), "x = " + (length - 1));
        }

        /** A UUID-shaped id, unique per {@code x} and tag (12 digits). */
        private String id(String tag) {
            return "CONCAT(LPAD(" + text("x") + ", 8, '0'), '-0000-4000-8000-" + tag + "')";
        }

        private void insert(HikariDataSource dataSource, long from, long to, String id, String subject, String seq,
                String latestCondition, String headCondition) throws SQLException {
            String range = range(from, to - 1);
            String topic = "CASE MOD(x, 3) WHEN 0 THEN '" + TOPICS[0] + "' WHEN 1 THEN '" + TOPICS[1] + "' ELSE '" + TOPICS[2] + "' END";
            String hash = "CONCAT('h', LPAD(" + text("x") + ", 63, '0'))";
            String previous = "CASE WHEN " + seq + " = 1 THEN '' ELSE CONCAT('h', LPAD(" + text("x - 1") + ", 63, '0')) END";
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("INSERT INTO " + prefix + "event " + EVENT_COLUMNS + " SELECT " + id + ", " + subject + ", "
                        + seq + ", " + topic + ", 'GRANT', '2026-11', 1764547200, 0, 'IMPORT', 'SELF', 'JP', " + previous + ", "
                        + hash + ", 1 FROM " + range);
                statement.execute("INSERT INTO " + prefix + "latest (subject, topic, event_id, seq) SELECT " + subject + ", "
                        + topic + ", " + id + ", " + seq + " FROM " + range + " WHERE " + latestCondition);
                statement.execute("INSERT INTO " + prefix + "chain_head (subject, seq, hash) SELECT " + subject + ", " + seq
                        + ", " + hash + " FROM " + range + " WHERE " + headCondition);
                connection.commit();
                // The fill's writes belong to the fill: flushed now, not during the measurements.
                if (dialect != JdbcDialect.MYSQL) {
                    statement.execute("CHECKPOINT");
                }
            }
        }

        private String range(long first, long last) {
            return switch (dialect) {
                case POSTGRESQL -> "generate_series(" + first + ", " + last + ") AS r(x)";
                case H2 -> "(SELECT X AS x FROM SYSTEM_RANGE(" + first + ", " + last + ")) r";
                case MYSQL -> "(SELECT seq AS x FROM seq_" + first + "_to_" + last + ") r";
            };
        }

        private String text(String expression) {
            return switch (dialect) {
                case POSTGRESQL -> "CAST(" + expression + " AS TEXT)";
                case H2 -> "CAST(" + expression + " AS VARCHAR)";
                case MYSQL -> "CAST(" + expression + " AS CHAR)";
            };
        }

        private String div(String expression, int divisor) {
            return dialect == JdbcDialect.MYSQL ? "(" + expression + " DIV " + divisor + ")" : "(" + expression + " / " + divisor + ")";
        }
    }
}
