package dev.consent4j.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxDispatcher;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.outbox.webhook.WebhookSignature;
import dev.consent4j.outbox.webhook.WebhookSink;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The outbox on PostgreSQL ({@code CONSENT4J_BENCH_POSTGRES_URL}), each figure beside its baseline
 * from the same run:
 * <ul>
 *   <li>{@code record()} of one choice that changes a decision, with the outbox vs without (the
 *       same store, tables and pool otherwise), interleaved rounds;</li>
 *   <li>the dispatcher draining a filled outbox to a local webhook receiver (JDK HTTP server on
 *       127.0.0.1, answering 204), with 1 and with 2 dispatcher nodes;</li>
 *   <li>the lag from {@code record()} returning to the receiver having the message, with a started
 *       dispatcher woken by the PostgreSQL notification channel.</li>
 * </ul>
 * Arguments: appends per round (default 400), rounds (5), messages to drain (5000), lag samples (300).
 */
public final class OutboxRun {

    private static final Topic NEWSLETTER = Topic.contact("newsletter", "email");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"c:([^\"]+)\"");

    private OutboxRun() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("CONSENT4J_BENCH_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("set CONSENT4J_BENCH_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int drain = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int lagSamples = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        Policy policy = Fixtures.examplePolicy();
        System.out.println("| figure | with the outbox | baseline | ratio | target |");
        System.out.println("|---|---|---|---|---|");
        try (HikariDataSource pool = pool(url, 8)) {
            appendOverhead(pool, policy, perRound, rounds);
        }
        try (Receiver receiver = new Receiver()) {
            for (int nodes : new int[] {1, 2}) {
                drainRate(url, policy, receiver, nodes, drain);
            }
            lag(url, policy, receiver, lagSamples);
        }
    }

    private static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static DecisionChanges changes(Policy policy) {
        return DecisionChanges.of(policy, ConsentSettings.defaults(), Clock.systemUTC());
    }

    private static JdbcConsentStore fresh(DataSource dataSource, String prefix, @Nullable DecisionChanges changes,
            @Nullable String channel)
            throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("outbox", "chain_head", "latest", "event")) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        }
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).outbox(changes).notifyChannel(channel)
                .build();
        store.initializeSchema();
        return store;
    }

    private static void appendOverhead(DataSource pool, Policy policy, int perRound, int rounds) throws Exception {
        ConsentManager without = ConsentManager.builder(policy, fresh(pool, "bnoob_", null, null)).build();
        ConsentManager with = ConsentManager.builder(policy, fresh(pool, "bwob_", changes(policy), null)).build();
        // Warm-up, then measured rounds with the order alternating.
        record(without, "warm-a", perRound);
        record(with, "warm-b", perRound);
        List<Double> withoutMs = new ArrayList<>();
        List<Double> withMs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                withoutMs.add(record(without, "r" + round, perRound));
                withMs.add(record(with, "r" + round, perRound));
            } else {
                withMs.add(record(with, "r" + round, perRound));
                withoutMs.add(record(without, "r" + round, perRound));
            }
        }
        double a = median(withMs);
        double b = median(withoutMs);
        System.out.printf("| PostgreSQL: `record()` of one choice that changes a decision (median of %d rounds of %d) | %.3f ms"
                + " | %.3f ms without the outbox | %.2f× the throughput | ≥ 0.85× %s |%n", rounds, perRound, a, b, b / a,
                b / a >= 0.85 ? "✔" : "✘");
    }

    /** Records one grant for each of {@code count} new customers; answers the mean ms per record. */
    private static double record(ConsentManager consents, String tag, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            consents.record(ChoiceRequest.of(SubjectId.customer(tag + "-" + i), NEWSLETTER, Action.GRANT, Source.API, Jurisdiction.JP));
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }

    private static void drainRate(String url, Policy policy, Receiver receiver, int nodes, int messages) throws Exception {
        String prefix = "bdrain" + nodes + "_";
        try (HikariDataSource filling = pool(url, 4)) {
            JdbcConsentStore store = fresh(filling, prefix, changes(policy), null);
            ConsentManager consents = ConsentManager.builder(policy, store).build();
            int subjects = Math.max(1, messages / 10);
            for (int i = 0; i < messages; i++) {
                consents.record(ChoiceRequest.of(SubjectId.customer("d" + (i % subjects)), NEWSLETTER,
                        (i / subjects) % 2 == 0 ? Action.GRANT : Action.WITHDRAW, Source.API, Jurisdiction.JP));
            }
        }
        receiver.reset();
        List<HikariDataSource> pools = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                HikariDataSource pool = pool(url, 2);
                pools.add(pool);
                OutboxStore outbox = JdbcConsentStore.builder(pool).tablePrefix(prefix).outbox(changes(policy)).build().outbox().orElseThrow();
                OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).batchSize(100).sink(receiver.sink()).build();
                running.add(threads.submit(() -> {
                    while (dispatcher.poll().claimed() > 0 || outbox.stats().pending() > 0) {
                        // drain until nothing is pending
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
            pools.forEach(HikariDataSource::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("| PostgreSQL: dispatcher, %d node%s, %d messages (%d subjects × 10) to a local webhook | %.0f messages/s"
                + " | %d requests taken by the receiver | | |%n", nodes, nodes == 1 ? "" : "s", messages, Math.max(1, messages / 10),
                messages / seconds, receiver.requests.get());
    }

    private static void lag(String url, Policy policy, Receiver receiver, int samples) throws Exception {
        String prefix = "blag_";
        try (HikariDataSource pool = pool(url, 6)) {
            JdbcConsentStore store = fresh(pool, prefix, changes(policy), prefix + "changes");
            ConsentManager consents = ConsentManager.builder(policy, store).build();
            OutboxDispatcher dispatcher = OutboxDispatcher.builder(store.outbox().orElseThrow()).sink(receiver.sink())
                    .idleWait(Duration.ofSeconds(1)).build();
            receiver.reset();
            try (PostgresInvalidations wakeUps = new PostgresInvalidations(pool,
                    Objects.requireNonNull(store.notifyChannel(), "the store was built with a channel"), subject -> dispatcher.wake(),
                    () -> { })) {
                dispatcher.start();
                Map<String, Long> returned = new ConcurrentHashMap<>();
                for (int i = 0; i < samples; i++) {
                    String id = "lag" + i;
                    consents.record(ChoiceRequest.of(SubjectId.customer(id), NEWSLETTER, Action.GRANT, Source.API, Jurisdiction.JP));
                    returned.put(id, System.nanoTime());
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (receiver.arrivals.size() < samples && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                dispatcher.stop(Duration.ofSeconds(10));
                List<Double> lags = new ArrayList<>();
                returned.forEach((id, at) -> {
                    Long arrived = receiver.arrivals.get(id);
                    if (arrived != null) {
                        lags.add((arrived - at) / 1e6);
                    }
                });
                Collections.sort(lags);
                System.out.printf("| PostgreSQL: lag from `record()` returning to the webhook receiver having it (%d of %d, one record"
                        + " every 20 ms, woken by NOTIFY) | p50 %.1f ms, p99 %.1f ms | idle wait 1 s without a wake-up | | |%n",
                        lags.size(), samples, percentile(lags, 0.50), percentile(lags, 0.99));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** A webhook receiver on 127.0.0.1: checks the signature, answers 204, notes when each subject's message came. */
    private static final class Receiver implements AutoCloseable {
        final SigningKeys keys = SigningKeys.of(SigningKey.generate("bench"));
        final WebhookSignature signature = new WebhookSignature(keys);
        final HttpServer server;
        final ExecutorService handlers = Executors.newFixedThreadPool(4);
        final AtomicInteger requests = new AtomicInteger();
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setExecutor(handlers);
            server.createContext("/", exchange -> {
                long now = System.nanoTime();
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                boolean genuine = signature.verify(exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP), body, java.time.Instant.now(),
                        Duration.ofMinutes(5));
                Matcher subject = SUBJECT.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                if (genuine && subject.find()) {
                    arrivals.putIfAbsent(subject.group(1), now);
                }
                exchange.sendResponseHeaders(genuine ? 204 : 401, -1);
                exchange.close();
            });
            server.start();
        }

        WebhookSink sink() {
            return WebhookSink.builder("bench", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), keys)
                    .allowPlainHttpToLoopback(true).build();
        }

        void reset() {
            requests.set(0);
            arrivals.clear();
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
