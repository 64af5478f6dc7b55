package dev.consent4j.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");
    private final ConsentStore store = new InMemoryConsentStore(OutboxFixtures.changes(clock));
    private final OutboxStore outbox = store.outbox().orElseThrow();
    private final List<OutboxMessage> received = new ArrayList<>();

    private void alternate(SubjectId subject, int times) {
        for (int i = 0; i < times; i++) {
            store.append(List.of(OutboxFixtures.choice(subject, i % 2 == 0 ? Action.GRANT : Action.WITHDRAW, clock.instant())));
        }
    }

    @Test
    void pollsDeliverEverySubjectsMessagesInOrder() {
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        alternate(alice, 3);
        alternate(bob, 2);
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).sink(received::add).clock(clock).build();

        assertThat(dispatcher.poll()).isEqualTo(new OutboxDispatcher.PollResult(2, 2, 0, 0));
        assertThat(dispatcher.poll()).isEqualTo(new OutboxDispatcher.PollResult(2, 2, 0, 0));
        assertThat(dispatcher.poll()).isEqualTo(new OutboxDispatcher.PollResult(1, 1, 0, 0));
        assertThat(dispatcher.poll().claimed()).isZero();

        assertThat(received).filteredOn(m -> m.entry().subject().equals(alice)).extracting(OutboxMessage::key)
                .containsExactlyElementsOf(outbox.messagesAbout(alice).stream().map(OutboxMessage::key).toList());
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, null));
    }

    @Test
    void aFailedDeliveryWaitsAJitteredExponentialBackOffThenIsADeadLetter() {
        SubjectId alice = SubjectId.customer("alice");
        alternate(alice, 2);
        AtomicInteger calls = new AtomicInteger();
        List<Integer> retried = new ArrayList<>();
        List<OutboxMessage> dead = new ArrayList<>();
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).clock(clock).random(new Random(7))
                .sink(message -> {
                    calls.incrementAndGet();
                    throw new IOException("the receiver is down");
                })
                .maxAttempts(5).firstRetryAfter(Duration.ofSeconds(2)).maxRetryAfter(Duration.ofSeconds(10))
                .listener(new OutboxDispatcher.Listener() {
                    @Override
                    public void retried(OutboxMessage message, int attempt) {
                        retried.add(attempt);
                    }

                    @Override
                    public void dead(OutboxMessage message) {
                        dead.add(message);
                    }
                }).build();
        long first = outbox.messagesAbout(alice).get(0).position();

        long[] ceilings = {2, 4, 8, 10};
        for (long ceiling : ceilings) {
            Instant before = clock.instant();
            assertThat(dispatcher.poll().retried()).isEqualTo(1);
            Instant next = outbox.message(first).orElseThrow().nextAttempt();
            assertThat(Duration.between(before, next)).isBetween(Duration.ofMillis(ceiling * 500), Duration.ofSeconds(ceiling));
            // Not due yet: nothing is claimed, and the subject's second message waits behind the first.
            clock.set(next.minusMillis(1));
            assertThat(dispatcher.poll().claimed()).isZero();
            clock.set(next);
        }
        assertThat(dispatcher.poll().dead()).isEqualTo(1);

        assertThat(retried).containsExactly(1, 2, 3, 4);
        assertThat(dead).extracting(OutboxMessage::position).containsExactly(first);
        assertThat(calls).hasValue(5);
        OutboxMessage letter = outbox.deadLetters(10).get(0);
        assertThat(letter.attempts()).isEqualTo(5);
        assertThat(letter.lastError()).contains("the receiver is down");
        // The dead letter no longer holds back the subject's next message.
        assertThat(dispatcher.poll().claimed()).isEqualTo(1);
    }

    @Test
    void theJitterSpreadsRetriesOverTheUpperHalfOfTheCeiling() {
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).sink(received::add).random(new Random(11))
                .firstRetryAfter(Duration.ofSeconds(1)).maxRetryAfter(Duration.ofMinutes(15)).build();
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waits.add(dispatcher.backOff(3));
        }
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4)));
        assertThat(waits.stream().distinct().count()).isGreaterThan(100);
        assertThat(dispatcher.backOff(200)).isBetween(Duration.ofMinutes(7).plusSeconds(30), Duration.ofMinutes(15));
    }

    @Test
    void aPollHandsOutNoMoreMessagesOnceItsTimeIsUp() {
        for (int i = 0; i < 5; i++) {
            alternate(SubjectId.customer("c-" + i), 1);
        }
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).clock(clock).maxPollTime(Duration.ofSeconds(10))
                .sink(message -> {
                    received.add(message);
                    clock.advance(Duration.ofSeconds(6));
                }).build();

        OutboxDispatcher.PollResult result = dispatcher.poll();

        assertThat(result.claimed()).isEqualTo(5);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(outbox.stats().pending()).isEqualTo(3);
        assertThat(dispatcher.poll().delivered()).isEqualTo(2);
    }

    @Test
    void aStartedDispatcherDeliversWhenWokenAndStops() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<OutboxMessage> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(outbox).sink(queue::add).idleWait(Duration.ofMinutes(10)).build();
        dispatcher.start();
        try {
            alternate(SubjectId.customer("alice"), 1);
            dispatcher.wake();
            assertThat(queue.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        } finally {
            assertThat(dispatcher.stop(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void optionsAreCheckedWhenSet() {
        assertThatThrownBy(() -> OutboxDispatcher.builder(outbox).build()).hasMessageContaining("at least one sink");
        assertThatThrownBy(() -> OutboxDispatcher.builder(outbox).batchSize(0)).hasMessage("batchSize must be between 1 and 10000, but was 0");
        assertThatThrownBy(() -> OutboxDispatcher.builder(outbox).maxPollTime(Duration.ZERO)).hasMessage("maxPollTime must be positive, but was PT0S");
        assertThatThrownBy(() -> OutboxDispatcher.builder(outbox).sink(received::add).firstRetryAfter(Duration.ofMinutes(1))
                .maxRetryAfter(Duration.ofSeconds(1)).build()).hasMessageContaining("maxRetryAfter (PT1S) must not be less than");
    }
}
