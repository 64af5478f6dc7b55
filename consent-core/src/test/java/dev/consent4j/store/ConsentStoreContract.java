package dev.consent4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.chain.EventChain;
import dev.consent4j.outbox.DecisionChange;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsentStore} must do; a subclass supplies the store. What only a database
 * store can promise (surviving a new instance, detecting a row changed behind its back) is in
 * {@code JdbcConsentStoreContract}.
 */
public abstract class ConsentStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-20T09:15:30.123456789Z");
    private static final Topic NEWSLETTER = Topic.contact("newsletter", "email");
    private static final Topic ADS = Topic.purpose("targeted-ads");
    private static final Topic ANALYTICS = Topic.category("analytics");

    protected ConsentStore store;

    /** A store on an empty database (or an empty memory store). */
    protected abstract ConsentStore createStore() throws Exception;

    /**
     * The same kind of store on an empty database, keeping an outbox as {@code changes} decides;
     * it replaces the one {@link #createStore()} made for this test.
     */
    protected abstract ConsentStore createStore(DecisionChanges changes) throws Exception;

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    protected static final Topic NEWSLETTER_EMAIL = NEWSLETTER;
    protected static final Topic TARGETED_ADS = ADS;

    protected static NewEvent event(SubjectId subject, Topic topic, Action action, int secondsAfter) {
        return NewEvent.of(subject, topic, action, "2026-11", T0.plusSeconds(secondsAfter), Source.BANNER,
                Actor.SELF, "JP", new Evidence("2026-11", "ja", "Mozilla/5.0 テスト", "203.0.113.0/24"), null, null);
    }

    @Test
    void appendSealsEachSubjectsChainAcrossBatches() {
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        List<ConsentEvent> first = store.append(List.of(event(alice, NEWSLETTER, Action.GRANT, 0),
                event(bob, ADS, Action.DENY, 1), event(alice, ADS, Action.GRANT, 2)));
        List<ConsentEvent> second = store.append(List.of(event(alice, NEWSLETTER, Action.WITHDRAW, 3)));

        assertThat(first).extracting(ConsentEvent::sequence).containsExactly(1L, 1L, 2L);
        assertThat(second.get(0).sequence()).isEqualTo(3);
        assertThat(second.get(0).previousHash()).isEqualTo(first.get(2).hash());
        assertThat(store.events(alice)).extracting(ConsentEvent::action)
                .containsExactly(Action.GRANT, Action.GRANT, Action.WITHDRAW);
        assertThat(store.verify(alice).valid()).isTrue();
        assertThat(store.verify(bob).valid()).isTrue();
    }

    @Test
    void theLatestEventOnATopicIsTheLastAppendedWhateverItsTime() {
        SubjectId alice = SubjectId.customer("alice");
        // The second event carries an older time, as a carried-over choice or a slow clock does.
        store.append(List.of(event(alice, ADS, Action.GRANT, 100)));
        ConsentEvent older = store.append(List.of(event(alice, ADS, Action.DENY, 5))).get(0);
        store.append(List.of(event(alice, ANALYTICS, Action.DENY, 50), event(alice, ANALYTICS, Action.GRANT, 10)));

        Map<SubjectId, List<ConsentEvent>> latest = store.latestEvents(List.of(alice), List.of(ADS, ANALYTICS));

        assertThat(latest.get(alice)).extracting(ConsentEvent::topic, ConsentEvent::action)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ADS, Action.DENY),
                        org.assertj.core.groups.Tuple.tuple(ANALYTICS, Action.GRANT));
        assertThat(latest.get(alice)).filteredOn(e -> e.topic().equals(ADS)).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(older.id()));
        List<ConsentEvent> chain = store.events(alice);
        assertThat(chain.get(chain.size() - 1).action()).isEqualTo(Action.GRANT);
    }

    @Test
    void anEventIsFoundByIdInItsSubjectsChainOnly() {
        SubjectId alice = SubjectId.customer("alice");
        List<ConsentEvent> sealed = store.append(List.of(event(alice, ADS, Action.GRANT, 0), event(alice, ANALYTICS, Action.DENY, 1)));

        assertThat(store.event(alice, sealed.get(1).id())).contains(sealed.get(1));
        assertThat(store.event(SubjectId.customer("bob"), sealed.get(1).id())).isEmpty();
        assertThat(store.event(alice, EventId.random())).isEmpty();
    }

    @Test
    void eventsComeBackExactlyAsSealed() {
        SubjectId visitor = SubjectId.newVisitor();
        NewEvent withEverything = new NewEvent(EventId.random(), SubjectId.customer("c-42"), null, Action.LINK,
                "2026-11", T0, Source.LOGIN_LINK, Actor.operator("op-7"), "US-CA",
                new Evidence("notice-3", "en", "agent", "2001:db8:1::/48"), visitor, null);
        List<ConsentEvent> sealed = store.append(List.of(withEverything,
                event(SubjectId.customer("c-42"), ANALYTICS, Action.OBJECT, 5)));
        NewEvent correction = NewEvent.of(SubjectId.customer("c-42"), ANALYTICS, Action.GRANT, "2026-11",
                T0.plusSeconds(9), Source.CALL_CENTRE, Actor.GUARDIAN, "JP", null, null, sealed.get(1).id());
        sealed = new ArrayList<>(sealed);
        sealed.addAll(store.append(List.of(correction)));

        assertThat(store.events(SubjectId.customer("c-42"))).containsExactlyElementsOf(sealed);
        assertThat(EventChain.verify(store.events(SubjectId.customer("c-42"))).valid()).isTrue();
    }

    @Test
    void unknownSubjectHasNoEvents() {
        assertThat(store.events(SubjectId.customer("nobody"))).isEmpty();
        assertThat(store.verify(SubjectId.customer("nobody")).valid()).isTrue();
    }

    @Test
    void batchWithAStoredEventStoresNothing() {
        SubjectId alice = SubjectId.customer("alice");
        NewEvent stored = event(alice, NEWSLETTER, Action.GRANT, 0);
        store.append(List.of(stored));

        assertThatThrownBy(() -> store.append(List.of(event(alice, ADS, Action.GRANT, 1), stored)))
                .isInstanceOf(ConsentStoreException.class).hasMessageContaining(stored.id().toString());
        assertThat(store.events(alice)).hasSize(1);
    }

    @Test
    void aSealedEventAppendedAgainIsRefused() {
        // append takes only NewEvents, so a sealed event can come back only as its content.
        ConsentEvent sealed = store.append(List.of(event(SubjectId.customer("alice"), ADS, Action.GRANT, 0))).get(0);

        assertThatThrownBy(() -> store.append(List.of(sealed.content()))).isInstanceOf(ConsentStoreException.class);
        assertThat(store.events(SubjectId.customer("alice"))).containsExactly(sealed);
    }

    @Test
    void latestEventsGiveTheNewestPerTopicForManySubjectsAtOnce() {
        List<SubjectId> subjects = new ArrayList<>();
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            SubjectId subject = SubjectId.customer("c-" + i);
            subjects.add(subject);
            events.add(event(subject, NEWSLETTER, Action.GRANT, 0));
            if (i % 3 == 0) {
                events.add(event(subject, NEWSLETTER, Action.WITHDRAW, 10));
            }
            if (i % 5 == 0) {
                events.add(event(subject, ANALYTICS, Action.DENY, 20));
            }
        }
        store.append(events);
        store.append(List.of(new NewEvent(EventId.random(), SubjectId.customer("c-1"), null, Action.LINK, "2026-11",
                T0.plusSeconds(30), Source.LOGIN_LINK, Actor.SELF, "JP", null, SubjectId.newVisitor(), null)));
        subjects.add(SubjectId.customer("never-seen"));

        Map<SubjectId, List<ConsentEvent>> latest = store.latestEvents(subjects, List.of(NEWSLETTER, ADS));

        assertThat(latest).hasSize(1200).doesNotContainKey(SubjectId.customer("never-seen"));
        assertThat(latest.get(SubjectId.customer("c-3"))).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.WITHDRAW));
        assertThat(latest.get(SubjectId.customer("c-4"))).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo(Action.GRANT));
        assertThat(latest.values()).allSatisfy(list -> assertThat(list).allMatch(e -> NEWSLETTER.equals(e.topic())));
    }

    @Test
    void latestEventsOfOneSubjectAreTheLastAppendedOnEveryTopicItHasEventsOn() {
        SubjectId alice = SubjectId.customer("alice");
        store.append(List.of(event(alice, NEWSLETTER, Action.GRANT, 0), event(alice, ANALYTICS, Action.DENY, 1)));
        ConsentEvent withdrawn = store.append(List.of(event(alice, NEWSLETTER, Action.WITHDRAW, 2))).get(0);
        store.append(List.of(new NewEvent(EventId.random(), alice, null, Action.LINK, "2026-11", T0.plusSeconds(3),
                Source.LOGIN_LINK, Actor.SELF, "JP", null, SubjectId.newVisitor(), null)));
        // A topic no policy declares any more is a topic like any other here.
        ConsentEvent gone = store.append(List.of(event(alice, Topic.purpose("retired"), Action.GRANT, 1))).get(0);
        ConsentEvent analytics = store.events(alice).get(1);

        assertThat(store.latestEvents(alice)).containsExactlyInAnyOrder(withdrawn, analytics, gone);
        assertThat(store.latestEvents(SubjectId.customer("never-seen"))).isEmpty();
    }

    @Test
    void anAppendReadingTheLatestEventsAnswersThemAsTheAppendLeftThem() throws Exception {
        for (boolean withOutbox : new boolean[] {false, true}) {
            if (withOutbox) {
                outbox();
            }
            SubjectId alice = SubjectId.customer("alice");
            SubjectId bob = SubjectId.customer("bob");
            store.append(List.of(choice(alice, ADS, Action.GRANT, 0), choice(alice, ANALYTICS, Action.DENY, 1)));

            Appended appended = store.appendReadingLatest(List.of(choice(alice, ADS, Action.WITHDRAW, 2),
                    choice(bob, NEWSLETTER, Action.GRANT, 3), choice(alice, NEWSLETTER, Action.GRANT, 4)));

            assertThat(appended.stored()).as("with an outbox: %s", withOutbox)
                    .containsExactly(store.events(alice).get(2), store.events(bob).get(0), store.events(alice).get(3));
            assertThat(appended.latest(alice)).as("with an outbox: %s", withOutbox)
                    .containsExactlyInAnyOrderElementsOf(store.latestEvents(alice)).hasSize(3);
            assertThat(appended.latest(bob)).containsExactlyInAnyOrderElementsOf(store.latestEvents(bob)).hasSize(1);
            assertThat(appended.latest(SubjectId.customer("carol"))).isEmpty();
        }
    }

    @Test
    void concurrentAppendsKeepEveryEventAndEveryChainValid() throws Exception {
        List<SubjectId> subjects = List.of(SubjectId.customer("shared"), SubjectId.customer("a"), SubjectId.customer("b"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        SubjectId subject = subjects.get((t + i) % 2 == 0 ? 0 : 1 + t % 2);
                        store.append(List.of(event(subject, ADS, i % 2 == 0 ? Action.GRANT : Action.DENY, t * 100 + i)));
                    }
                    return 25;
                });
            }
            for (Future<Integer> done : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                assertThat(done.get()).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }

        int total = 0;
        for (SubjectId subject : subjects) {
            List<ConsentEvent> chain = store.events(subject);
            total += chain.size();
            assertThat(store.verify(subject).valid()).as(subject.toString()).isTrue();
            assertThat(chain).extracting(ConsentEvent::sequence).isSorted().doesNotHaveDuplicates();
        }
        assertThat(total).isEqualTo(200);
    }

    // ---- The outbox (a store built with DecisionChanges) ----

    private static final Topic SALE = Topic.purpose("data-sale");

    private OutboxStore outbox() throws Exception {
        Policy policy = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml", getClass().getClassLoader());
        DecisionChanges changes = DecisionChanges.of(policy, ConsentSettings.defaults(),
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
        store = createStore(changes);
        return store.outbox().orElseThrow();
    }

    /** An event under the test policy's current version, so that a grant counts. */
    private static NewEvent choice(SubjectId subject, Topic topic, Action action, int secondsAfter) {
        return NewEvent.of(subject, topic, action, "v2", T0.plusSeconds(secondsAfter), Source.PREFERENCE_CENTRE,
                Actor.SELF, "JP", null, null, null);
    }

    @Test
    void aStoreWithoutAnOutboxHasNone() {
        assertThat(store.outbox()).isEmpty();
    }

    @Test
    void everyAppendThatChangesADecisionWritesItsOutboxRowAndNoOtherDoes() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId alice = SubjectId.customer("alice");

        ConsentEvent grant = store.append(List.of(choice(alice, ADS, Action.GRANT, 0))).get(0);
        ConsentEvent withdraw = store.append(List.of(choice(alice, ADS, Action.WITHDRAW, 5))).get(0);
        store.append(List.of(choice(alice, ADS, Action.WITHDRAW, 9)));

        List<OutboxMessage> messages = outbox.messagesAbout(alice);
        assertThat(messages).hasSize(2);
        assertThat(messages).extracting(OutboxMessage::key).containsExactly(grant.id().toString(), withdraw.id().toString());
        assertThat(messages.get(0).position()).isLessThan(messages.get(1).position());
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.status()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(message.attempts()).isZero();
            assertThat(message.entry().policyVersion()).isEqualTo("v2");
            assertThat(message.entry().jurisdiction()).isEqualTo("JP");
        });
        DecisionChange granted = messages.get(0).entry().changes().get(0);
        assertThat(granted.topic()).isEqualTo(ADS);
        assertThat(granted.before().reason()).isEqualTo(Reason.NO_CONSENT);
        assertThat(granted.after().reason()).isEqualTo(Reason.GRANTED);
        assertThat(granted.after().event()).isEqualTo(grant.id());
        DecisionChange withdrawn = messages.get(1).entry().changes().get(0);
        assertThat(withdrawn.revoked()).isTrue();
        assertThat(withdrawn.after().reason()).isEqualTo(Reason.WITHDRAWN);
        assertThat(messages.get(1).entry().events()).containsExactly(withdraw.id());
    }

    @Test
    void anObjectionToASaleChangesEveryTopicItBearsOnInOneRow() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId bob = SubjectId.customer("bob");

        store.append(List.of(choice(bob, SALE, Action.OBJECT, 0), choice(bob, ANALYTICS, Action.DENY, 1)));

        assertThat(outbox.messagesAbout(bob)).singleElement().satisfies(message -> {
            assertThat(message.entry().events()).hasSize(2);
            assertThat(message.entry().changes()).extracting(DecisionChange::topic).contains(SALE, ANALYTICS);
            assertThat(message.entry().changes()).allMatch(DecisionChange::revoked);
        });
    }

    @Test
    void anAppendThatFailsLeavesNoOutboxRow() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId alice = SubjectId.customer("alice");
        NewEvent stored = choice(alice, NEWSLETTER, Action.GRANT, 0);
        store.append(List.of(stored));

        assertThatThrownBy(() -> store.append(List.of(choice(alice, ADS, Action.GRANT, 1), stored)))
                .isInstanceOf(ConsentStoreException.class);

        assertThat(store.events(alice)).hasSize(1);
        assertThat(outbox.messagesAbout(alice)).singleElement()
                .satisfies(message -> assertThat(message.key()).isEqualTo(stored.id().toString()));
    }

    @Test
    void aBatchForSeveralSubjectsWritesOneRowForEachWhoseDecisionsChanged() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        store.append(List.of(choice(bob, ADS, Action.DENY, 0)));

        store.append(List.of(choice(alice, ADS, Action.GRANT, 1), choice(bob, ADS, Action.DENY, 2),
                choice(alice, NEWSLETTER, Action.GRANT, 3)));

        assertThat(outbox.messagesAbout(alice)).singleElement()
                .satisfies(message -> assertThat(message.entry().events()).hasSize(2));
        // Bob's second refusal changed nothing.
        assertThat(outbox.messagesAbout(bob)).hasSize(1);
        assertThat(outbox.stats().pending()).isEqualTo(2);
    }

    @Test
    void aDispatchClaimsOnlyEachSubjectsOldestPendingMessageAndKeepsItsOutcome() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        store.append(List.of(choice(alice, ADS, Action.GRANT, 0)));
        store.append(List.of(choice(alice, ADS, Action.WITHDRAW, 1)));
        store.append(List.of(choice(bob, ADS, Action.GRANT, 2)));
        Instant now = T0.plusSeconds(7200);
        List<OutboxMessage> first = new ArrayList<>();

        assertThat(outbox.dispatch(10, now, message -> {
            first.add(message);
            return message.entry().subject().equals(alice) ? OutboxStore.Outcome.retryAt(now.plusSeconds(60), "503")
                    : OutboxStore.Outcome.delivered();
        })).isEqualTo(2);
        assertThat(first).extracting(m -> m.entry().subject()).containsExactly(alice, bob);

        // Alice's first message waits for its retry, and her second waits for it.
        assertThat(outbox.dispatch(10, now.plusSeconds(30), message -> OutboxStore.Outcome.delivered())).isZero();
        List<String> delivered = new ArrayList<>();
        outbox.dispatch(10, now.plusSeconds(60), message -> {
            delivered.add(message.key());
            return OutboxStore.Outcome.dead("gone");
        });
        outbox.dispatch(10, now.plusSeconds(60), message -> {
            delivered.add(message.key());
            return OutboxStore.Outcome.delivered();
        });

        List<OutboxMessage> alices = outbox.messagesAbout(alice);
        assertThat(delivered).containsExactly(alices.get(0).key(), alices.get(1).key());
        assertThat(alices.get(0).status()).isEqualTo(OutboxMessage.Status.DEAD);
        assertThat(alices.get(0).attempts()).isEqualTo(2);
        assertThat(alices.get(0).lastError()).isEqualTo("gone");
        assertThat(alices.get(1).status()).isEqualTo(OutboxMessage.Status.DELIVERED);
        assertThat(outbox.deadLetters(10)).extracting(OutboxMessage::position).containsExactly(alices.get(0).position());
        assertThat(outbox.stats().dead()).isEqualTo(1);
        assertThat(outbox.stats().pending()).isZero();

        assertThat(outbox.replay(alices.get(0).position(), now.plusSeconds(90))).isTrue();
        assertThat(outbox.replay(alices.get(1).position(), now.plusSeconds(90))).isFalse();
        assertThat(outbox.message(alices.get(0).position())).hasValueSatisfying(message -> {
            assertThat(message.status()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(message.attempts()).isZero();
        });
        assertThat(outbox.dispatch(10, now.plusSeconds(90), message -> OutboxStore.Outcome.delivered())).isEqualTo(1);
        assertThat(outbox.deadLetters(10)).isEmpty();
        assertThat(outbox.purgeDelivered(now.plusSeconds(3600))).isEqualTo(3);
        assertThat(outbox.messagesAbout(alice)).isEmpty();
    }

    @Test
    void aMessageClaimedByOneDispatchIsSkippedByAnother() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId alice = SubjectId.customer("alice");
        SubjectId bob = SubjectId.customer("bob");
        store.append(List.of(choice(alice, ADS, Action.GRANT, 0)));
        store.append(List.of(choice(alice, ADS, Action.DENY, 1)));
        store.append(List.of(choice(bob, ADS, Action.GRANT, 2)));
        Instant now = T0.plusSeconds(7200);
        List<String> byOther = Collections.synchronizedList(new ArrayList<>());

        boolean[] asked = new boolean[1];
        outbox.dispatch(10, now, held -> {
            if (!asked[0]) {
                asked[0] = true;
                // While this claim holds alice's and bob's first messages, another node finds nothing to
                // claim: alice's second waits for her first. It does not wait for the locks either.
                CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> outbox.dispatch(10, now, message -> {
                    byOther.add(message.key());
                    return OutboxStore.Outcome.delivered();
                }));
                assertThat(other.join()).isZero();
            }
            return OutboxStore.Outcome.delivered();
        });

        assertThat(byOther).isEmpty();
        assertThat(outbox.dispatch(10, now, message -> {
            byOther.add(message.key());
            return OutboxStore.Outcome.delivered();
        })).isEqualTo(1);
        assertThat(byOther).containsExactly(outbox.messagesAbout(alice).get(1).key());
        assertThat(outbox.messagesAbout(alice)).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.DELIVERED, OutboxMessage.Status.DELIVERED);
        assertThat(outbox.messagesAbout(bob)).extracting(OutboxMessage::status).containsExactly(OutboxMessage.Status.DELIVERED);
    }

    @Test
    void concurrentAppendsToOneSubjectQueueTheirRowsInChainOrder() throws Exception {
        OutboxStore outbox = outbox();
        SubjectId shared = SubjectId.customer("shared");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                tasks.add(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        store.append(List.of(choice(shared, ADS, (t + i) % 3 == 0 ? Action.GRANT : Action.WITHDRAW, t * 100 + i)));
                    }
                    return null;
                });
            }
            List<Future<Void>> done = new ArrayList<>();
            tasks.forEach(task -> done.add(pool.submit(task)));
            start.countDown();
            for (Future<Void> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<ConsentEvent> chain = store.events(shared);
        List<OutboxMessage> messages = outbox.messagesAbout(shared);
        // A row for each event whose action differs from the one before it in the chain, in chain order.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            if (i == 0 || chain.get(i).action() != chain.get(i - 1).action()) {
                expected.add(chain.get(i).id().toString());
            }
        }
        assertThat(chain).hasSize(40);
        assertThat(messages).extracting(OutboxMessage::key).containsExactlyElementsOf(expected);
    }
}
