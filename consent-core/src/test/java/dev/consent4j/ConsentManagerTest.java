package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ForwardingConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsentManagerTest {

    static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            ConsentManagerTest.class.getClassLoader());
    static final Signals JP = Signals.of(Jurisdiction.JP);

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final CountingStore store = new CountingStore(new InMemoryConsentStore());
    private final ConsentManager consents = ConsentManager.builder(POLICY, store).clock(clock)
            .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build()).build();
    private final SubjectId alice = SubjectId.customer("alice");

    @Test
    void recordOnceRecordsAKeyOnceForEachSubjectAndValidatesFirst() {
        ChoiceRequest answers = ChoiceRequest.byGuardian(alice, Map.of(Topic.purpose("newsletter"), Action.GRANT), Jurisdiction.JP, null);
        ChoiceRequest forBob = ChoiceRequest.byGuardian(SubjectId.customer("bob"), Map.of(Topic.purpose("newsletter"), Action.GRANT),
                Jurisdiction.JP, null);

        assertThat(consents.recordedOnce(alice, "link-1")).isFalse();
        assertThat(consents.recordOnce("link-1", answers)).hasValueSatisfying(state ->
                assertThat(state.purpose("newsletter").reason()).isEqualTo(Reason.GRANTED));
        assertThat(consents.recordOnce("link-1", answers)).isEmpty();
        assertThat(consents.recordedOnce(alice, "link-1")).isTrue();
        assertThat(consents.recordOnce("link-1", forBob)).as("the key is per subject").isPresent();
        assertThat(consents.history(alice, JP).events()).hasSize(1);
        assertThatThrownBy(() -> consents.recordOnce("link-2", ChoiceRequest.byGuardian(alice,
                Map.of(Topic.purpose("delivery"), Action.DENY), Jurisdiction.JP, null)))
                .isInstanceOf(InvalidChoiceException.class);
        assertThat(consents.recordedOnce(alice, "link-2")).isFalse();
    }

    @Test
    void recordedChoicesDecideAndAreKeptAsEvidence() {
        Evidence evidence = Evidence.of("notice-7", "ja", "Mozilla/5.0", "203.0.113.77");
        ConsentState state = consents.record(ChoiceRequest.of(alice,
                Map.of(Topic.contact("newsletter", "email"), Action.GRANT), Source.PREFERENCE_CENTRE, Jurisdiction.JP, evidence));
        assertThat(state.mayContact("newsletter", "email")).isTrue();
        assertThat(consents.mayContact(alice, "newsletter", "email")).isTrue();
        assertThat(consents.mayContact(alice, "newsletter", "sms")).isFalse();
        ConsentEvent event = consents.history(alice, JP).events().get(0);
        assertThat(event.policyVersion()).isEqualTo("v2");
        assertThat(event.time()).isEqualTo(clock.instant());
        assertThat(event.evidence().network()).isEqualTo("203.0.113.0/24");
        assertThat(event.evidence().noticeVersion()).isEqualTo("notice-7");
        assertThat(event.source()).isEqualTo(Source.PREFERENCE_CENTRE);
    }

    @Test
    void recordWhenTopicUnknownThenRejectedAndNothingWritten() {
        Map<Topic, Action> choices = new LinkedHashMap<>();
        choices.put(Topic.purpose("newsletter"), Action.GRANT);
        choices.put(Topic.purpose("horoscope"), Action.GRANT);
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(alice, choices, Source.API, Jurisdiction.JP, null)))
                .isInstanceOf(InvalidChoiceException.class).hasMessageContaining("no purpose 'horoscope'")
                .extracting(e -> ((InvalidChoiceException) e).topic()).isEqualTo(Topic.purpose("horoscope"));
        assertThat(store.events(alice)).isEmpty();
    }

    @Test
    void recordWhenNecessaryPurposeRefusedThenRejected() {
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(alice, Topic.purpose("delivery"), Action.DENY,
                Source.API, Jurisdiction.JP))).isInstanceOf(InvalidChoiceException.class).hasMessageContaining("necessary");
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(alice, Topic.category("necessary"), Action.WITHDRAW,
                Source.BANNER, Jurisdiction.JP))).isInstanceOf(InvalidChoiceException.class);
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(alice, Topic.contact("newsletter", "fax"), Action.GRANT,
                Source.API, Jurisdiction.JP))).isInstanceOf(InvalidChoiceException.class).hasMessageContaining("no channel 'fax'");
        assertThat(store.events(alice)).isEmpty();
    }

    @Test
    void aCorrectionSupersedesAndBothEventsStayReadable() {
        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.CALL_CENTRE, Jurisdiction.JP));
        ConsentEvent wrong = store.events(alice).get(0);
        clock.advance(Duration.ofMinutes(5));
        ConsentState corrected = consents.record(new ChoiceRequest(alice, Map.of(Topic.purpose("targeted-ads"), Action.DENY),
                Source.CALL_CENTRE, Actor.operator("op-17"), Jurisdiction.JP, null, wrong.id()));
        assertThat(corrected.purpose("targeted-ads").reason()).isEqualTo(Reason.DENIED);
        List<ConsentEvent> events = consents.history(alice, JP).events();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).supersedes()).isEqualTo(wrong.id());
        assertThat(events.get(1).actor().operatorId()).isEqualTo("op-17");
        assertThat(consents.history(alice, JP).chain().valid()).isTrue();
    }

    @Test
    void recordReadsTheLatestChoicesNotTheWholeHistoryAndAnswersAsTheFoldOfIt() {
        consents.record(ChoiceRequest.of(alice, Topic.category("analytics"), Action.GRANT, Source.BANNER, Jurisdiction.JP));
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), i % 2 == 0 ? Action.GRANT : Action.DENY,
                    Source.PREFERENCE_CENTRE, Jurisdiction.JP));
        }
        ConsentEvent wrong = store.delegate.events(alice).get(0);
        store.chainReads.set(0);

        ConsentState recorded = consents.record(new ChoiceRequest(alice, Map.of(Topic.category("analytics"), Action.DENY),
                Source.CALL_CENTRE, Actor.operator("op-3"), Jurisdiction.JP, null, wrong.id()));

        assertThat(store.chainReads).as("whole chains read by record()").hasValue(0);
        ConsentState folded = consents.state(alice, JP);
        assertThat(recorded.decisions()).isEqualTo(folded.decisions());
        assertThat(recorded.category("analytics").reason()).isEqualTo(Reason.DENIED);
        assertThat(recorded.purpose("targeted-ads").reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void aCorrectionOfSomeoneElsesEventIsRejected() {
        SubjectId bob = SubjectId.customer("bob");
        consents.record(ChoiceRequest.of(bob, Topic.purpose("targeted-ads"), Action.GRANT, Source.API, Jurisdiction.JP));
        var bobsEvent = store.events(bob).get(0).id();
        assertThatThrownBy(() -> consents.record(new ChoiceRequest(alice, Map.of(Topic.purpose("targeted-ads"), Action.DENY),
                Source.API, Actor.SELF, Jurisdiction.JP, null, bobsEvent))).isInstanceOf(InvalidChoiceException.class);
        assertThat(store.events(alice)).isEmpty();
    }

    @Test
    void loginCarriesTheMoreRestrictiveChoiceOver() {
        SubjectId visitor = SubjectId.newVisitor();
        consents.record(ChoiceRequest.of(alice, Topic.category("advertising"), Action.GRANT, Source.BANNER, Jurisdiction.JP));
        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.DENY, Source.ACCOUNT_PAGE, Jurisdiction.JP));
        clock.advance(Duration.ofDays(1));
        consents.record(ChoiceRequest.of(visitor, Map.of(Topic.category("advertising"), Action.DENY,
                Topic.purpose("targeted-ads"), Action.GRANT, Topic.category("analytics"), Action.GRANT), Source.BANNER,
                Jurisdiction.JP, null));

        ConsentState state = consents.link(visitor, alice, JP, Evidence.NONE);

        assertThat(state.category("advertising").reason()).as("visitor's refusal replaces a grant").isEqualTo(Reason.DENIED);
        assertThat(state.purpose("targeted-ads").reason()).as("a grant never replaces a refusal").isEqualTo(Reason.DENIED);
        assertThat(state.category("analytics").reason()).as("fills an undecided topic").isEqualTo(Reason.GRANTED);
        List<ConsentEvent> events = store.events(alice);
        assertThat(events).filteredOn(e -> e.action() == Action.LINK).singleElement()
                .satisfies(e -> assertThat(e.linkedVisitor()).isEqualTo(visitor));
        assertThat(events).filteredOn(e -> e.source() == Source.LOGIN_LINK && e.action() != Action.LINK).hasSize(2);
    }

    @Test
    void loginWithCarryOverNoneRecordsOnlyTheLink() {
        ConsentManager none = ConsentManager.builder(POLICY, store).clock(clock)
                .settings(ConsentSettings.builder().carryOver(ConsentSettings.CarryOver.NONE).build()).build();
        SubjectId visitor = SubjectId.newVisitor();
        none.record(ChoiceRequest.of(visitor, Topic.category("analytics"), Action.GRANT, Source.BANNER, Jurisdiction.JP));
        none.link(visitor, alice, JP, Evidence.NONE);
        assertThat(store.events(alice)).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(Action.LINK));
    }

    @Test
    void gpcIsRecordedOncePerSubjectAndPolicyVersion() {
        Signals california = new Signals(Jurisdiction.of("US-CA"), true, null);
        for (int i = 0; i < 100; i++) {
            consents.recordGpc(alice, california, Evidence.NONE);
        }
        assertThat(store.events(alice)).extracting(e -> e.topic().id())
                .containsExactlyInAnyOrder("targeted-ads", "data-sale", "retargeting");
        assertThat(store.events(alice)).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(Action.OBJECT);
            assertThat(e.source()).isEqualTo(Source.GPC_SIGNAL);
        });
        assertThat(consents.recordGpc(alice, new Signals(Jurisdiction.JP, true, null), Evidence.NONE))
                .as("not honoured in JP").isFalse();
        assertThat(consents.allows(alice, "data-sale", Signals.of(Jurisdiction.of("US-CA"))))
                .as("the stored objection stands without the header").isFalse();
    }

    @Test
    void audienceKeepsOnlyThoseWhoMayBeContactedInOneStoreCall() {
        SubjectId granted = SubjectId.customer("granted");
        SubjectId denied = SubjectId.customer("denied");
        SubjectId silent = SubjectId.customer("silent");
        consents.record(ChoiceRequest.of(granted, Topic.contact("newsletter", "email"), Action.GRANT, Source.API, Jurisdiction.JP));
        consents.record(ChoiceRequest.of(denied, Topic.contact("newsletter", "email"), Action.GRANT, Source.API, Jurisdiction.JP));
        clock.advance(Duration.ofHours(1));
        consents.record(ChoiceRequest.of(denied, Topic.purpose("newsletter"), Action.WITHDRAW, Source.ONE_CLICK_UNSUBSCRIBE, Jurisdiction.JP));
        store.latestCalls.set(0);

        List<SubjectId> all = List.of(granted, denied, silent);
        assertThat(consents.audience(all, "newsletter", "email", Jurisdiction.JP)).containsExactly(granted);
        assertThat(store.latestCalls).hasValue(1);
        assertThat(consents.audience(all, "catalogue", "post", Jurisdiction.JP))
                .as("opt-out purpose includes those who never chose").containsExactly(granted, denied, silent);
        assertThat(consents.audience(all, "catalogue", "post", Jurisdiction.of("FR"))).isEmpty();
    }

    @Test
    void concurrentRecordingKeepsEveryEventAndEveryChainIntact() throws Exception {
        List<SubjectId> subjects = List.of(SubjectId.customer("s1"), SubjectId.customer("s2"), SubjectId.customer("s3"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            SubjectId subject = subjects.get(i % subjects.size());
            Action action = i % 2 == 0 ? Action.GRANT : Action.DENY;
            futures.add(pool.submit(() -> consents.record(ChoiceRequest.of(subject, Topic.category("analytics"), action,
                    Source.BANNER, Jurisdiction.JP))));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int total = 0;
        for (SubjectId subject : subjects) {
            List<ConsentEvent> events = store.events(subject);
            total += events.size();
            assertThat(store.verify(subject).valid()).isTrue();
            // All events carry the same timestamp, so the chain order decides: the last event wins.
            Action last = events.get(events.size() - 1).action();
            assertThat(consents.state(subject, JP).category("analytics").reason())
                    .isEqualTo(last == Action.GRANT ? Reason.GRANTED : Reason.DENIED);
        }
        assertThat(total).isEqualTo(400);
    }

    /** Counts bulk reads, to prove the audience filter is one query. */
    static final class CountingStore extends ForwardingConsentStore {
        final ConsentStore delegate;
        final AtomicInteger latestCalls = new AtomicInteger();
        final AtomicInteger chainReads = new AtomicInteger();

        CountingStore(ConsentStore delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public List<ConsentEvent> events(SubjectId subject) {
            chainReads.incrementAndGet();
            return delegate.events(subject);
        }

        @Override
        public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
            latestCalls.incrementAndGet();
            return delegate.latestEvents(subjects, topics);
        }
    }
}
