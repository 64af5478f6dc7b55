package dev.consent4j.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consent4j.event.SubjectId;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kill -9 of the dispatching JVM loses nothing: a child JVM ({@link DispatchingChild}) delivers
 * the outbox on PostgreSQL to a webhook receiver in this JVM and is killed
 * ({@link Process#destroyForcibly()}, SIGKILL) mid-way; a dispatcher started afterwards delivers
 * the rest, and the receiver has every change, in order per subject.
 */
class DispatcherCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherCrashTest.class);

    @TempDir
    Path directory;

    @Test
    void killingTheDispatchingJvmLosesNoChange() throws Exception {
        try (PostgresOutbox database = new PostgresOutbox();
                WebhookReceiver receiver = new WebhookReceiver(DispatchingChild.keys(), n -> WebhookReceiver.Mode.OK)) {
            JdbcConsentStore store = database.create();
            List<SubjectId> subjects = PostgresOutbox.record(store, 30, 10);
            OutboxStore outbox = store.outbox().orElseThrow();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), DispatchingChild.class.getName(),
                    database.url, database.prefix, receiver.endpoint().toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("child.log").toFile()).start();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> receiver.requests() >= 40 || !child.isAlive());
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            long pendingAtKill = outbox.stats().pending();
            LOG.info("killed the dispatching JVM after {} requests; {} messages pending", receiver.requests(), pendingAtKill);
            assertThat(receiver.requests()).as("the child delivered before it was killed").isGreaterThanOrEqualTo(40);

            OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).batchSize(50)
                    .sink(dev.consent4j.outbox.webhook.WebhookSink.builder("receiver", receiver.endpoint(), DispatchingChild.keys())
                            .allowPlainHttpToLoopback(true).build()).build();
            for (int poll = 0; poll < 100 && outbox.stats().pending() > 0; poll++) {
                dispatcher.poll();
            }

            List<String> keys = new ArrayList<>();
            for (SubjectId subject : subjects) {
                List<OutboxMessage> messages = outbox.messagesAbout(subject);
                assertThat(messages).hasSize(10).allMatch(m -> m.status() == OutboxMessage.Status.DELIVERED);
                messages.forEach(m -> keys.add(m.key()));
                assertThat(receiver.positionsBySubject().get(subject.toString()))
                        .containsExactlyElementsOf(messages.stream().map(OutboxMessage::position).toList());
            }
            assertThat(receiver.acceptedKeys()).containsExactlyInAnyOrderElementsOf(keys);
        }
    }
}
