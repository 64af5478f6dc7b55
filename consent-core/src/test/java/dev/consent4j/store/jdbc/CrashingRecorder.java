package dev.consent4j.store.jdbc;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The process {@link CrashDurabilityTest} kills: records choices through a {@link ConsentManager}
 * over a {@link JdbcConsentStore} from many threads until it is killed, and writes the id of every
 * event whose {@code record} returned to an acknowledgement file, forced to disk before the thread
 * records anything else.
 *
 * <p>Arguments: JDBC URL, table prefix, acknowledgement file, seed, threads, subjects, and whether
 * to hold one connection open all along, as a connection pool does (an embedded H2 database then
 * stays open; otherwise it closes whenever no connection is in use and opens again on the next).
 * Thread {@code t} records for subject {@code t % subjects}, so with more threads than subjects
 * some threads share a chain.
 */
public final class CrashingRecorder {

    static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            CrashingRecorder.class.getClassLoader());

    /** Topics anyone may grant, deny or withdraw (none is necessary). */
    private static final List<Topic> TOPICS = List.of(Topic.contact("newsletter", "email"),
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

        DataSource dataSource = TestDatabases.at(url);
        held = holdConnection ? dataSource.getConnection() : null;
        JdbcConsentStore jdbc = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).build();
        jdbc.initializeSchema();
        CapturingStore store = new CapturingStore(jdbc);
        ConsentManager consents = ConsentManager.builder(POLICY, store).build();
        Acknowledgements acks = new Acknowledgements(acknowledgements);
        AtomicLong failures = new AtomicLong();
        System.out.println(STARTED + " with " + threads + " threads over " + subjects + " subjects, seed " + seed
                + (held != null ? ", one connection held open" : ""));
        System.out.flush();
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
                            e.printStackTrace();
                        }
                        continue;
                    }
                    acks.write(store.appendedByThisThread());
                }
            }, "recorder-" + thread);
            worker.start();
        }
    }

    /** Remembers, per thread, the events its last append stored, so the caller can acknowledge them by id. */
    static final class CapturingStore implements ConsentStore {
        private final ConsentStore delegate;
        private final ThreadLocal<List<ConsentEvent>> appended = ThreadLocal.withInitial(List::of);

        CapturingStore(ConsentStore delegate) {
            this.delegate = delegate;
        }

        List<ConsentEvent> appendedByThisThread() {
            return appended.get();
        }

        @Override
        public List<ConsentEvent> append(List<ConsentEvent> events) {
            List<ConsentEvent> sealed = delegate.append(events);
            appended.set(sealed);
            return sealed;
        }

        @Override
        public List<ConsentEvent> events(SubjectId subject) {
            return delegate.events(subject);
        }

        @Override
        public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
            return delegate.latestEvents(subjects, topics);
        }
    }

    /**
     * One line per acknowledged event ("subject id"). A thread appends its lines under a lock, then
     * forces the file to disk before it goes on; threads forcing at the same time share the work.
     */
    static final class Acknowledgements {
        private final FileChannel channel;

        Acknowledgements(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }

        void write(List<ConsentEvent> events) {
            StringBuilder lines = new StringBuilder();
            for (ConsentEvent event : events) {
                lines.append(event.subject()).append(' ').append(event.id()).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            try {
                synchronized (this) {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
