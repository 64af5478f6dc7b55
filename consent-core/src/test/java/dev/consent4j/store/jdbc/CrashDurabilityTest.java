package dev.consent4j.store.jdbc;

import static org.assertj.core.api.Assertions.fail;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventChain;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A store acknowledges only what is on disk": a child JVM ({@link CrashingRecorder}) records
 * choices from 16 threads and is killed ({@link Process#destroyForcibly()}, SIGKILL on Unix) at a
 * random moment, several times over the same database; after each kill every event whose
 * {@code record} had returned must be in the store, and every chain must verify.
 *
 * <p>H2 runs on a plain file URL, with no option, because the store has to make it durable by
 * itself. The seed is fixed and printed; {@code -Dconsent4j.crash.seed=…} replays another,
 * {@code -Dconsent4j.crash.rounds=…} runs more rounds.
 */
class CrashDurabilityTest {

    private static final long SEED = Long.getLong("consent4j.crash.seed", 20_260_801L);
    private static final int THREADS = 16;
    private static final int SUBJECTS = 10;

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
        /** Every acknowledged event so far, by id, with its subject. */
        private final Map<String, String> acknowledged = new LinkedHashMap<>();
        private final Set<String> lost = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private int brokenChains;

        CrashRounds(String name, String url, String prefix, int rounds) {
            this.name = name;
            this.url = url;
            this.prefix = prefix;
            this.rounds = rounds;
            this.random = new Random(SEED ^ name.hashCode());
            this.acknowledgements = directory.resolve(name + "-acknowledged.txt");
        }

        void run() throws Exception {
            long started = System.nanoTime();
            log("seed %d, %d rounds, %d threads over %d subjects, tables %s*", SEED, rounds, THREADS, SUBJECTS, prefix);
            for (int round = 1; round <= rounds; round++) {
                round(round);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            log("%d events acknowledged in %d rounds, %d lost, %d broken chains, %d s", acknowledged.size(), rounds,
                    lost.size(), brokenChains, seconds);
            if (!lost.isEmpty() || !problems.isEmpty()) {
                fail("%s (seed %d, rerun with -Dconsent4j.crash.seed=%d): %d of %d acknowledged events lost, %d chain"
                        + " checks failed:%n%s", name, SEED, SEED, lost.size(), acknowledged.size(), brokenChains,
                        String.join("\n", problems));
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
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (newLines.count() < killAfter) {
                    if (!child.isAlive()) {
                        fail("%s round %d (seed %d): the recorder exited with %d before acknowledging %d events:%n%s",
                                name, round, SEED, child.exitValue(), killAfter, Files.readString(output));
                    }
                    if (System.nanoTime() > deadline) {
                        fail("%s round %d (seed %d): %d events acknowledged after 60 s, waiting for %d:%n%s", name,
                                round, SEED, newLines.count(), killAfter, Files.readString(output));
                    }
                    Thread.sleep(5);
                }
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
                    Integer.toString(SUBJECTS), Boolean.toString(holdConnection))
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
            if (!Files.exists(acknowledgements)) {
                return events;
            }
            String text = new String(Files.readAllBytes(acknowledgements), StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, complete).split("\n")) {
                if (!line.isEmpty()) {
                    int space = line.indexOf(' ');
                    events.put(line.substring(space + 1), line.substring(0, space));
                }
            }
            return events;
        }

        /** Reopens the database, as the shop's restart would, and looks for every acknowledged event. */
        private void check(int round) {
            DataSource dataSource = TestDatabases.at(url);
            JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).build();
            Map<String, List<String>> bySubject = acknowledged.entrySet().stream().collect(
                    Collectors.groupingBy(Map.Entry::getValue, LinkedHashMap::new,
                            Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            for (Map.Entry<String, List<String>> entry : bySubject.entrySet()) {
                SubjectId subject = SubjectId.parse(entry.getKey());
                List<ConsentEvent> events = store.events(subject);
                Set<String> stored = events.stream().map(event -> event.id().toString()).collect(Collectors.toSet());
                List<String> missing = entry.getValue().stream().filter(id -> !stored.contains(id) && !lost.contains(id))
                        .toList();
                if (!missing.isEmpty()) {
                    lost.addAll(missing);
                    problems.add("round " + round + ": " + subject + " lost " + missing.size() + " acknowledged events"
                            + " (" + stored.size() + " stored): " + abbreviate(missing));
                }
                EventChain.Verification verification = store.verify(subject);
                if (!verification.valid()) {
                    brokenChains++;
                    problems.add("round " + round + ": the chain of " + subject + " is broken at "
                            + verification.brokenAt() + ": " + verification.problem());
                }
            }
        }

        private void log(String format, Object... arguments) {
            System.out.println("[crash " + name + "] " + String.format(format, arguments));
        }
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }
}
