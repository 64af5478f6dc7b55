package dev.consent4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventChain;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    protected static final Topic NEWSLETTER_EMAIL = NEWSLETTER;
    protected static final Topic TARGETED_ADS = ADS;

    protected static ConsentEvent event(SubjectId subject, Topic topic, Action action, int secondsAfter) {
        return ConsentEvent.unsealed(subject, topic, action, "2026-11", T0.plusSeconds(secondsAfter), Source.BANNER,
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
        ConsentEvent withEverything = new ConsentEvent(EventId.random(), SubjectId.customer("c-42"), null, Action.LINK,
                "2026-11", T0, Source.LOGIN_LINK, Actor.operator("op-7"), "US-CA",
                new Evidence("notice-3", "en", "agent", "2001:db8:1::/48"), visitor, null, 0, null, null);
        List<ConsentEvent> sealed = store.append(List.of(withEverything,
                event(SubjectId.customer("c-42"), ANALYTICS, Action.OBJECT, 5)));
        ConsentEvent correction = ConsentEvent.unsealed(SubjectId.customer("c-42"), ANALYTICS, Action.GRANT, "2026-11",
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
        ConsentEvent stored = event(alice, NEWSLETTER, Action.GRANT, 0);
        store.append(List.of(stored));

        assertThatThrownBy(() -> store.append(List.of(event(alice, ADS, Action.GRANT, 1), stored)))
                .isInstanceOf(ConsentStoreException.class).hasMessageContaining(stored.id().toString());
        assertThat(store.events(alice)).hasSize(1);
    }

    @Test
    void sealedEventsAreRefused() {
        ConsentEvent sealed = event(SubjectId.customer("alice"), ADS, Action.GRANT, 0).seal(1, "");

        assertThatThrownBy(() -> store.append(List.of(sealed))).isInstanceOf(ConsentStoreException.class);
        assertThat(store.events(SubjectId.customer("alice"))).isEmpty();
    }

    @Test
    void latestEventsGiveTheNewestPerTopicForManySubjectsAtOnce() {
        List<SubjectId> subjects = new ArrayList<>();
        List<ConsentEvent> events = new ArrayList<>();
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
        store.append(List.of(new ConsentEvent(EventId.random(), SubjectId.customer("c-1"), null, Action.LINK, "2026-11",
                T0.plusSeconds(30), Source.LOGIN_LINK, Actor.SELF, "JP", null, SubjectId.newVisitor(), null, 0, null, null)));
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
}
