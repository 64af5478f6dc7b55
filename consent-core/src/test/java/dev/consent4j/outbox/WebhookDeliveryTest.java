package dev.consent4j.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.outbox.webhook.WebhookSignature;
import dev.consent4j.outbox.webhook.WebhookSink;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox on PostgreSQL delivered by real dispatchers to a real (Jetty) webhook receiver. */
class WebhookDeliveryTest {

    private final SigningKeys keys = SigningKeys.of(SigningKey.generate("k2"), SigningKey.generate("k1"));

    @Test
    void aReceiverThatFailsTimesOutAndRecoversGetsEveryChangeOncePerKeyInOrderPerSubject() throws Exception {
        // Requests 1-3 and 9-10 answer 503; request 5 is taken but answered after the sender gave up.
        WebhookReceiver.Mode[] script = new WebhookReceiver.Mode[20];
        java.util.Arrays.fill(script, WebhookReceiver.Mode.OK);
        for (int n : new int[] {1, 2, 3, 9, 10}) {
            script[n] = WebhookReceiver.Mode.FAIL;
        }
        script[5] = WebhookReceiver.Mode.STALL;
        try (PostgresOutbox database = new PostgresOutbox();
                WebhookReceiver receiver = new WebhookReceiver(keys, n -> n < script.length ? script[n] : WebhookReceiver.Mode.OK)) {
            JdbcConsentStore store = database.create();
            PostgresOutbox.record(store, 5, 6);
            OutboxStore outbox = store.outbox().orElseThrow();
            MutableClock clock = new MutableClock(Instant.now());
            OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).clock(clock).random(new Random(3)).batchSize(4)
                    .maxRetryAfter(Duration.ofMinutes(1))
                    .sink(WebhookSink.builder("receiver", receiver.endpoint(), keys).allowPlainHttpToLoopback(true)
                            .requestTimeout(Duration.ofMillis(700)).build())
                    .build();

            for (int poll = 0; poll < 200 && outbox.stats().pending() > 0; poll++) {
                dispatcher.poll();
                clock.advance(Duration.ofMinutes(1));
            }

            List<String> keysInOutbox = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                List<OutboxMessage> messages = outbox.messagesAbout(dev.consent4j.event.SubjectId.customer("s" + s));
                assertThat(messages).hasSize(6).allMatch(m -> m.status() == OutboxMessage.Status.DELIVERED);
                messages.forEach(m -> keysInOutbox.add(m.key()));
                assertThat(receiver.positionsBySubject().get("c:s" + s))
                        .containsExactlyElementsOf(messages.stream().map(OutboxMessage::position).toList());
            }
            assertThat(receiver.acceptedKeys()).containsExactlyInAnyOrderElementsOf(keysInOutbox);
            assertThat(receiver.duplicates()).isPositive(); // the timed-out request came again, and was recognised
            assertThat(receiver.forged()).isZero();
            assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, null));
        }
    }

    @Test
    void twoDispatcherNodesOnOnePostgresNeverDeliverTheSameMessageAtOnce() throws Exception {
        try (PostgresOutbox database = new PostgresOutbox();
                WebhookReceiver receiver = new WebhookReceiver(keys, n -> WebhookReceiver.Mode.OK)) {
            JdbcConsentStore store = database.create();
            PostgresOutbox.record(store, 20, 10);
            AtomicInteger[] delivered = {new AtomicInteger(), new AtomicInteger()};
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Void>> polling = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    AtomicInteger count = delivered[node];
                    OutboxStore outbox = database.node().outbox().orElseThrow();
                    OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).batchSize(7)
                            .sink(WebhookSink.builder("receiver", receiver.endpoint(), keys).allowPlainHttpToLoopback(true).build())
                            .listener(new OutboxDispatcher.Listener() {
                                @Override
                                public void delivered(OutboxMessage message, Duration lag) {
                                    count.incrementAndGet();
                                }
                            }).build();
                    polling.add(() -> {
                        for (int poll = 0; poll < 2_000 && outbox.stats().pending() > 0; poll++) {
                            dispatcher.poll();
                        }
                        return null;
                    });
                }
                for (Future<Void> done : nodes.invokeAll(polling, 5, TimeUnit.MINUTES)) {
                    done.get();
                }
            } finally {
                nodes.shutdownNow();
            }

            assertThat(store.outbox().orElseThrow().stats().pending()).isZero();
            assertThat(receiver.overlapping()).isZero();
            assertThat(receiver.duplicates()).isZero();
            assertThat(receiver.acceptedKeys()).hasSize(200);
            assertThat(delivered[0].get() + delivered[1].get()).isEqualTo(200);
            Map<String, List<Long>> positions = receiver.positionsBySubject();
            assertThat(positions).hasSize(20).allSatisfy((subject, list) -> assertThat(list).isSorted().hasSize(10));
            org.slf4j.LoggerFactory.getLogger(getClass()).info("node 1 delivered {}, node 2 {}", delivered[0], delivered[1]);
        }
    }

    @Test
    void aSignatureVerifiesUnderTheKeyItNamesWithinTheToleranceOnly() {
        WebhookSignature signer = new WebhookSignature(keys);
        byte[] body = "{\"format\":1}".getBytes(StandardCharsets.UTF_8);
        long now = 1_780_000_000L;
        String header = signer.sign(now, body);
        Instant at = Instant.ofEpochSecond(now);

        assertThat(header).startsWith("keyid=k2, v1=");
        assertThat(signer.verify(header, Long.toString(now), body, at.plusSeconds(60), Duration.ofMinutes(5))).isTrue();
        assertThat(signer.verify(header, Long.toString(now), body, at.plusSeconds(301), Duration.ofMinutes(5))).isFalse();
        assertThat(signer.verify(header, Long.toString(now + 1), body, at, Duration.ofMinutes(5))).isFalse();
        assertThat(signer.verify(header, Long.toString(now), "{\"format\":2}".getBytes(StandardCharsets.UTF_8), at,
                Duration.ofMinutes(5))).isFalse();
        assertThat(signer.verify(header.replace("keyid=k2", "keyid=k1"), Long.toString(now), body, at, Duration.ofMinutes(5))).isFalse();
        assertThat(signer.verify("keyid=k2, v1=zz", Long.toString(now), body, at, Duration.ofMinutes(5))).isFalse();
        // After a rotation the receiver still knows the older key, so messages signed before verify.
        SigningKeys rotated = SigningKeys.of(SigningKey.generate("k3"), keys.all().toArray(SigningKey[]::new));
        assertThat(new WebhookSignature(rotated).verify(header, Long.toString(now), body, at, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void onlyHttpsUnlessPlainHttpIsAllowedToThisMachine() {
        assertThatThrownBy(() -> WebhookSink.builder("ads", URI.create("http://ads.example/consent"), keys).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must use https");
        assertThatThrownBy(() -> WebhookSink.builder("ads", URI.create("http://ads.example/consent"), keys)
                .allowPlainHttpToLoopback(true).build()).hasMessageContaining("only to this machine");
        assertThatThrownBy(() -> WebhookSink.builder("ads", URI.create("ftp://ads.example/x"), keys).build())
                .hasMessageContaining("absolute https URL");
        assertThat(WebhookSink.builder("ads", URI.create("https://ads.example/consent"), keys).build().endpoint().getHost())
                .isEqualTo("ads.example");
        assertThat(WebhookSink.builder("local", URI.create("http://127.0.0.1:8080/x"), keys).allowPlainHttpToLoopback(true)
                .build().name()).isEqualTo("local");
        assertThat(WebhookSink.builder("local", URI.create("http://[::1]:8080/x"), keys).allowPlainHttpToLoopback(true)
                .build().name()).isEqualTo("local");
    }
}
