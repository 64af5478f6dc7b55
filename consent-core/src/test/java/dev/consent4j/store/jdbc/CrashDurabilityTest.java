package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.testing.TestDatabases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "A store acknowledges only what is on disk": a child JVM ({@link CrashingRecorder}) records
 * choices from 16 threads and is killed ({@link Process#destroyForcibly()}, SIGKILL on Unix) at a
 * random moment, several times over the same database; after each kill every event whose
 * {@code record} had returned must be in the store, and every chain must verify.
 *
 * <p>H2 runs on a plain file URL, with no option, because the store has to make it durable by
 * itself. The seed is fixed and printed; {@code -Dconsent4j.crash.seed=…} replays another,
 * {@code -Dconsent4j.crash.rounds=…} runs more rounds, {@code -Dconsent4j.crash.subjects=…}
 * spreads the 16 threads over fewer or more subjects (fewer: more threads share a chain).
 */
class CrashDurabilityTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashDurabilityTest.class);

    private static final long SEED = Long.getLong("consent4j.crash.seed", 20_260_801L);
    private static final int THREADS = 16;
    private static final int SUBJECTS = Integer.getInteger("consent4j.crash.subjects", 10);

    @TempDir
    Path directory;

    @Test
    void h2FileWithAPlainUrlKeepsWhatItAcknowledged() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("shop").toAbsolutePath();
        new CrashRounds("h2-file", url, "consent_", rounds(5)).run();
    }

    @Test
    void postgresKeepsWhatItAcknowledged() throws Exception {
        String url = TestDatabases.urlFromEnvironment(TestDatabases.POSTGRES);
        String prefix = uniquePrefix();
        try {
            // Fewer rounds: a connection per call costs PostgreSQL a process, so its rounds take longest.
            new CrashRounds("postgresql", url, prefix, rounds(3)).run();
        } finally {
            drop(url, prefix, "DROP FUNCTION IF EXISTS " + prefix + "event_append_only()");
        }
    }

    @Test
    void mariaDbKeepsWhatItAcknowledged() throws Exception {
        String url = TestDatabases.urlFromEnvironment(TestDatabases.MARIADB);
        String prefix = uniquePrefix();
        try {
            new CrashRounds("mariadb", url, prefix, rounds(5)).run();
        } finally {
            drop(url, prefix);
        }
    }

    private static int rounds(int byDefault) {
        return Integer.getInteger("consent4j.crash.rounds", byDefault);
    }

    /** Tables of their own, so that other tests and builds sharing the database are not disturbed. */
    private static String uniquePrefix() {
        return "crash" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "_";
    }

    private static void drop(String url, String prefix, String... more) throws SQLException {
        try (Connection connection = TestDatabases.at(url).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + prefix + "chain_head");
            statement.execute("DROP TABLE IF EXISTS " + prefix + "latest");
            statement.execute("DROP TABLE IF EXISTS " + prefix + "event");
            for (String sql : more) {
                statement.execute(sql);
            }
        }
    }

    /** Kill rounds against one database; the events lost and chains broken are gathered, then reported together. */
    private final class CrashRounds {
        private final String name;
        private final String url;
        private final String prefix;
        private final int rounds;
        private final Random random;
        private final Path acknowledgements;
        private final Path attempts;
        /** Every acknowledged event so far, by id, with its subject. */
        private final Map<String, String> acknowledged = new LinkedHashMap<>();
        private final Set<String> lost = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private final Set<String> partialBatches = new HashSet<>();
        private int brokenChains;
        private int latestMismatches;
        private int headMismatches;

        CrashRounds(String name, String url, String prefix, int rounds) {
            this.name = name;
            this.url = url;
            this.prefix = prefix;
            this.rounds = rounds;
            this.random = new Random(SEED ^ name.hashCode());
            this.acknowledgements = directory.resolve(name + "-acknowledged.txt");
            this.attempts = directory.resolve(name + "-attempted.txt");
        }

        void run() throws Exception {
            long started = System.nanoTime();
            log("seed %d, %d rounds, %d threads over %d subjects, tables %s*", SEED, rounds, THREADS, SUBJECTS, prefix);
            for (int round = 1; round <= rounds; round++) {
                round(round);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            log("%d events acknowledged in %d rounds, %d lost; %d broken chains, %d batches partly stored, %d latest"
                    + " events not the chains' latest, %d heads not the chains' end; %d s", acknowledged.size(), rounds,
                    lost.size(), brokenChains, partialBatches.size(), latestMismatches, headMismatches, seconds);
            if (!problems.isEmpty()) {
                fail("%s (seed %d, rerun with -Dconsent4j.crash.seed=%d): %d of %d acknowledged events lost, %d chains"
                        + " broken, %d batches partly stored, %d latest events wrong, %d heads wrong:%n%s", name, SEED,
                        SEED, lost.size(), acknowledged.size(), brokenChains, partialBatches.size(), latestMismatches,
                        headMismatches, String.join("\n", problems));
            }
        }

        private void round(int round) throws Exception {
            long childSeed = random.nextLong();
            int killAfter = 10 + random.nextInt(150);
            int extraMillis = random.nextInt(300);
            boolean holdConnection = round % 2 == 1;
            long killedAt;
            Path output = directory.resolve(name + "-round-" + round + ".log");
            int before = readAcknowledged().size();
            NewLines newLines = new NewLines();
            long startedAt = System.nanoTime();
            Process child = start(childSeed, holdConnection, output);
            try {
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                        if (!child.isAlive()) {
                            fail("%s round %d (seed %d): the recorder exited with %d before acknowledging %d events:%n%s",
                                    name, round, SEED, child.exitValue(), killAfter, Files.readString(output));
                        }
                        return newLines.count() >= killAfter;
                    });
                } catch (ConditionTimeoutException e) {
                    fail("%s round %d (seed %d): %d events acknowledged after 60 s, waiting for %d:%n%s", name,
                            round, SEED, newLines.count(), killAfter, Files.readString(output));
                }
                // Not a wait for anything: the kill is meant to land at a moment no acknowledgement
                // marks, in the middle of whatever the writers are doing then.
                Thread.sleep(extraMillis);
            } finally {
                killedAt = System.nanoTime();
                child.destroyForcibly();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    fail("%s round %d: the recorder did not die", name, round);
                }
            }
            acknowledged.putAll(readAcknowledged());
            int lostBefore = lost.size();
            check(round);
            log("round %d (%s): killed after %d ms, %d ms after acknowledgement #%d; %d acknowledged this round,"
                    + " %d lost", round, holdConnection ? "a connection held open" : "no connection held",
                    TimeUnit.NANOSECONDS.toMillis(killedAt - startedAt), extraMillis, killAfter,
                    acknowledged.size() - before, lost.size() - lostBefore);
        }

        private Process start(long childSeed, boolean holdConnection, Path output) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CrashingRecorder.class.getName(),
                    url, prefix, acknowledgements.toString(), Long.toString(childSeed), Integer.toString(THREADS),
                    Integer.toString(SUBJECTS), Boolean.toString(holdConnection), attempts.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        }

        /** Counts the lines added to the acknowledgement file since it was made, reading only what is new. */
        private final class NewLines {
            private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            private long position;
            private int count;

            NewLines() throws IOException {
                position = Files.exists(acknowledgements) ? Files.size(acknowledgements) : 0;
            }

            int count() throws IOException {
                if (!Files.exists(acknowledgements)) {
                    return 0;
                }
                try (FileChannel channel = FileChannel.open(acknowledgements, StandardOpenOption.READ)) {
                    int read;
                    while ((read = channel.read(buffer.clear(), position)) > 0) {
                        position += read;
                        for (int i = 0; i < read; i++) {
                            if (buffer.get(i) == '\n') {
                                count++;
                            }
                        }
                    }
                }
                return count;
            }
        }

        /** Every complete line of the acknowledgement file: event id to subject. */
        private Map<String, String> readAcknowledged() throws IOException {
            Map<String, String> events = new LinkedHashMap<>();
            for (String line : completeLines(acknowledgements)) {
                int space = line.indexOf(' ');
                events.put(line.substring(space + 1), line.substring(0, space));
            }
            return events;
        }

        /**
         * Reopens the database, as the shop's restart would, and checks every subject: its
         * acknowledged events are there, its chain verifies, its head row names its last event, and the latest-event table (what the
         * audience filter reads) names the chain's latest event on every topic. Every batch that
         * was attempted must be there entirely or not at all.
         */
        private void check(int round) throws IOException {
            DataSource dataSource = TestDatabases.at(url);
            JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).build();
            // A database that lost even its tables lost every event: find that out below, not as an error.
            store.initializeSchema();
            Map<String, List<String>> acknowledgedBySubject = acknowledged.entrySet().stream().collect(
                    Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            List<SubjectId> subjects = IntStream.range(0, SUBJECTS).mapToObj(CrashingRecorder::subject).toList();
            Map<SubjectId, List<ConsentEvent>> latest = store.latestEvents(subjects, CrashingRecorder.TOPICS);
            Set<String> stored = new HashSet<>();
            for (SubjectId subject : subjects) {
                List<ConsentEvent> events = store.events(subject);
                events.forEach(event -> stored.add(event.id().toString()));
                List<String> missing = acknowledgedBySubject.getOrDefault(subject.toString(), List.of()).stream()
                        .filter(id -> !stored.contains(id) && !lost.contains(id)).toList();
                if (!missing.isEmpty()) {
                    lost.addAll(missing);
                    problems.add("round " + round + ": " + subject + " lost " + missing.size() + " acknowledged events"
                            + " (" + events.size() + " stored): " + abbreviate(missing));
                }
                ChainVerification verification = store.verify(subject);
                if (!verification.valid()) {
                    brokenChains++;
                    problems.add("round " + round + ": the chain of " + subject + " is broken at "
                            + verification.brokenAt() + ": " + verification.problem());
                }
                Map<String, String> newest = new TreeMap<>();
                events.stream().filter(event -> event.topic() != null)
                        .forEach(event -> newest.put(event.topic().toString(), event.id().toString()));
                Map<String, String> inTable = new TreeMap<>();
                latest.getOrDefault(subject, List.of())
                        .forEach(event -> inTable.put(event.topic().toString(), event.id().toString()));
                if (!newest.equals(inTable)) {
                    latestMismatches++;
                    problems.add("round " + round + ": the latest events of " + subject + " are " + inTable
                            + ", its chain's are " + newest);
                }
                String chainEnd = events.isEmpty() ? null : events.get(events.size() - 1).sequence() + " "
                        + events.get(events.size() - 1).hash();
                String head = head(dataSource, subject);
                if (!java.util.Objects.equals(head, chainEnd)) {
                    headMismatches++;
                    problems.add("round " + round + ": the head row of " + subject + " is " + head + ", its chain ends at "
                            + chainEnd);
                }
            }
            for (String line : completeLines(attempts)) {
                List<String> batch = List.of(line.substring(line.indexOf(' ') + 1).split(","));
                long present = batch.stream().filter(stored::contains).count();
                if (present != 0 && present != batch.size() && partialBatches.add(line)) {
                    problems.add("round " + round + ": " + present + " of the " + batch.size() + " events of a batch"
                            + " are stored: " + line);
                }
            }
        }

        /** The chain's head row as "seq hash", or {@code null} without one. */
        private String head(DataSource dataSource, SubjectId subject) {
            try (Connection connection = dataSource.getConnection();
                    java.sql.PreparedStatement select = connection.prepareStatement(
                            "SELECT seq, hash FROM " + prefix + "chain_head WHERE subject = ?")) {
                select.setString(1, subject.toString());
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) + " " + rows.getString(2) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the head of " + subject, e);
            }
        }

        private void log(String format, Object... arguments) {
            LOG.info("[crash {}] {}", name, String.format(format, arguments));
        }
    }

    /** The lines of {@code file} that end with a line break (the process may have been killed in the middle of the last). */
    private static List<String> completeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().filter(line -> !line.isEmpty()).toList();
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }
}
