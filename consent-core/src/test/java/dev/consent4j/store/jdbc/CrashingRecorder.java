package dev.consent4j.store.jdbc;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ForwardingConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process {@link CrashDurabilityTest} kills: records choices through a {@link ConsentManager}
 * over a {@link JdbcConsentStore} from many threads until it is killed, and writes the id of every
 * event whose {@code record} returned to an acknowledgement file, forced to disk before the thread
 * records anything else.
 *
 * <p>Arguments: JDBC URL, table prefix, acknowledgement file, seed, threads, subjects, whether
 * to hold one connection open all along, as a connection pool does (an embedded H2 database then
 * stays open; otherwise it closes whenever no connection is in use and opens again on the next),
 * and a file where every batch is written down before it is appended. It exits by itself when
 * its standard input closes: the test that started it has gone.
 * Thread {@code t} records for subject {@code t % subjects}, so with more threads than subjects
 * some threads share a chain.
 */
public final class CrashingRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(CrashingRecorder.class);

    static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            CrashingRecorder.class.getClassLoader());

    /** Topics anyone may grant, deny or withdraw (none is necessary). */
    static final List<Topic> TOPICS = List.of(Topic.contact("newsletter", "email"),
            Topic.contact("newsletter", "sms"), Topic.purpose("targeted-ads"), Topic.purpose("data-sale"),
            Topic.category("analytics"), Topic.category("advertising"), Topic.contact("catalogue", "post"));
    private static final Action[] ACTIONS = {Action.GRANT, Action.DENY, Action.WITHDRAW};

    /** The connection held open until the process dies, if any. */
    private static Connection held;

    /** Printed once the schema is in place and the threads start. */
    static final String STARTED = "recording";

    private CrashingRecorder() {
    }

    static SubjectId subject(int index) {
        return SubjectId.customer("crash-" + index);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        Path acknowledgements = Path.of(args[2]);
        long seed = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        int subjects = Integer.parseInt(args[5]);
        boolean holdConnection = Boolean.parseBoolean(args[6]);
        Path attempts = Path.of(args[7]);

        Thread orphaned = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // The test keeps this pipe open while it lives.
                }
            } catch (IOException e) {
                // gone all the same
            }
            System.exit(3);
        }, "exit-with-the-test");
        orphaned.setDaemon(true);
        orphaned.start();

        DataSource dataSource = TestDatabases.at(url);
        held = holdConnection ? dataSource.getConnection() : null;
        JdbcConsentStore jdbc = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).build();
        jdbc.initializeSchema();
        Lines acks = new Lines(acknowledgements, true);
        Lines attempted = new Lines(attempts, false);
        CapturingStore store = new CapturingStore(jdbc, attempted);
        ConsentManager consents = ConsentManager.builder(POLICY, store).build();
        AtomicLong failures = new AtomicLong();
        LOG.info("{} with {} threads over {} subjects, seed {}{}", STARTED, threads, subjects, seed,
                held != null ? ", one connection held open" : "");
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed * 31 + thread);
                SubjectId subject = subject(thread % subjects);
                while (true) {
                    Map<Topic, Action> choices = new LinkedHashMap<>();
                    int count = 1 + random.nextInt(3);
                    while (choices.size() < count) {
                        choices.put(TOPICS.get(random.nextInt(TOPICS.size())), ACTIONS[random.nextInt(ACTIONS.length)]);
                    }
                    try {
                        consents.record(ChoiceRequest.of(subject, choices, Source.PREFERENCE_CENTRE, Jurisdiction.JP,
                                Evidence.NONE));
                    } catch (RuntimeException e) {
                        // Not acknowledged, so nothing is promised; say so and go on.
                        if (failures.incrementAndGet() <= 5) {
                            LOG.warn("a choice was not recorded", e);
                        }
                        continue;
                    }
                    StringBuilder lines = new StringBuilder();
                    for (ConsentEvent event : store.appendedByThisThread()) {
                        lines.append(event.subject()).append(' ').append(event.id()).append('\n');
                    }
                    acks.write(lines);
                }
            }, "recorder-" + thread);
            worker.start();
        }
    }

    /**
     * Writes down every batch before it is appended (one line: "subject id,id…"), so that a batch
     * can be checked for all or nothing; and remembers, per thread, the events its last append
     * stored, so the caller can acknowledge them by id.
     */
    static final class CapturingStore extends ForwardingConsentStore {
        private final Lines attempted;
        private final ThreadLocal<List<ConsentEvent>> appended = ThreadLocal.withInitial(List::of);

        CapturingStore(ConsentStore delegate, Lines attempted) {
            super(delegate);
            this.attempted = attempted;
        }

        List<ConsentEvent> appendedByThisThread() {
            return appended.get();
        }

        @Override
        public List<ConsentEvent> append(List<NewEvent> events) {
            attempted.write(new StringBuilder(events.get(0).subject().toString()).append(' ')
                    .append(events.stream().map(event -> event.id().toString()).collect(Collectors.joining(",")))
                    .append('\n'));
            List<ConsentEvent> sealed = super.append(events);
            appended.set(sealed);
            return sealed;
        }

    }

    /**
     * A file of lines that threads append to under a lock. With {@code force}, a thread also forces
     * the file to disk before it goes on (threads forcing at the same time share the work); without,
     * the lines are with the operating system, which keeps them when the process is killed.
     */
    static final class Lines {
        private final FileChannel channel;
        private final boolean force;

        Lines(Path file, boolean force) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            this.force = force;
        }

        void write(CharSequence lines) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            try {
                synchronized (this) {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                if (force) {
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
