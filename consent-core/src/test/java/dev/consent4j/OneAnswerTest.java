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
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.JitteryClock;
import dev.consent4j.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Regressions of the "different answers through different doors" reports: one rule for the latest choice. */
class OneAnswerTest {

    static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            OneAnswerTest.class.getClassLoader());
    static final Signals JP = Signals.of(Jurisdiction.JP);

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final InMemoryConsentStore store = new InMemoryConsentStore();
    private final ConsentManager consents = ConsentManager.builder(POLICY, store).clock(clock)
            .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build()).build();
    private final SubjectId alice = SubjectId.customer("alice");

    @Test
    void anOlderRefusalCarriedOverAtLoginIsTheLatestChoiceThroughEveryDoor() {
        SubjectId visitor = SubjectId.newVisitor();
        consents.record(ChoiceRequest.of(visitor, Topic.purpose("targeted-ads"), Action.DENY, Source.BANNER, Jurisdiction.JP));
        clock.advance(Duration.ofDays(2));
        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.ACCOUNT_PAGE, Jurisdiction.JP));
        clock.advance(Duration.ofHours(1));

        consents.link(visitor, alice, JP, Evidence.NONE);

        ConsentEvent carried = store.events(alice).get(store.events(alice).size() - 1);
        assertThat(carried.action()).isEqualTo(Action.DENY);
        assertThat(carried.linkedVisitor()).isEqualTo(visitor);
        assertThat(carried.time()).as("the person chose it before the customer's grant").isBefore(
                store.events(alice).get(0).time());
        assertThat(consents.allows(alice, "targeted-ads")).isFalse();
        assertThat(consents.state(alice, JP).purpose("targeted-ads").reason()).isEqualTo(Reason.DENIED);
        assertThat(consents.decisions(List.of(alice), "targeted-ads", null, Jurisdiction.JP).get(alice).reason())
                .isEqualTo(Reason.DENIED);
        assertThat(consents.audience(List.of(alice), "targeted-ads", null, Jurisdiction.JP)).isEmpty();
    }

    @Test
    void sixteenWritersOnOneSubjectWithClocksThatDisagreeGetOneAnswer() throws Exception {
        // Each thread's clock is a few seconds off, so chain order and time order disagree.
        Instant base = Instant.parse("2026-06-01T00:00:00Z");
        Clock jittery = new JitteryClock(base, Duration.ofSeconds(5));
        ConsentManager writers = ConsentManager.builder(POLICY, store).clock(jittery).build();
        List<Topic> topics = List.of(Topic.purpose("targeted-ads"), Topic.category("advertising"),
                Topic.purpose("newsletter"), Topic.contact("newsletter", "email"), Topic.category("analytics"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            Topic topic = topics.get(i % topics.size());
            Action action = List.of(Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT).get((i / 5) % 4);
            futures.add(pool.submit(() -> writers.record(ChoiceRequest.of(alice, topic, action, Source.API, Jurisdiction.JP))));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<ConsentEvent> chain = store.events(alice);
        Map<Topic, ConsentEvent> lastInChain = new LinkedHashMap<>();
        chain.forEach(e -> lastInChain.put(e.topic(), e));
        ConsentManager reader = ConsentManager.builder(POLICY, store).clock(Clock.fixed(base.plusSeconds(10), ZoneOffset.UTC)).build();
        ConsentState state = reader.state(alice, JP);
        for (Topic topic : topics) {
            Decision decision = state.decision(topic);
            if (decision.reason() != Reason.CATEGORY_NOT_ALLOWED) {
                assertThat(decision.event()).as("%s rests on the last event of the chain", topic)
                        .isIn(lastInChain.get(topic).id(), topic.channel() == null ? null
                                : lastInChain.get(Topic.purpose(topic.id())).id());
            }
            if (topic.kind() == Topic.Kind.PURPOSE) {
                Decision bulk = reader.decisions(List.of(alice), topic.id(), topic.channel(), Jurisdiction.JP).get(alice);
                assertThat(bulk).as("bulk and single agree on %s", topic).isEqualTo(decision);
            }
        }
    }

    @Test
    void aCorrectionIsAChoiceOnTheSameTopic() {
        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.CALL_CENTRE, Jurisdiction.JP));
        ConsentEvent wrong = store.events(alice).get(0);
        assertThatThrownBy(() -> consents.record(new ChoiceRequest(alice, Map.of(Topic.purpose("newsletter"), Action.DENY),
                Source.CALL_CENTRE, Actor.operator("op-1"), Jurisdiction.JP, null, wrong.id())))
                .isInstanceOf(InvalidChoiceException.class).hasMessageContaining("same topic");
        assertThat(store.events(alice)).hasSize(1);
    }

    @Test
    void askingAboutACategoryAsAPurposeNamesTheRightMethod() {
        ConsentState state = consents.state(alice, JP);
        assertThatThrownBy(() -> state.allows("analytics")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a cookie category, not a purpose").hasMessageContaining("categoryAllowed(\"analytics\")");
        assertThatThrownBy(() -> state.categoryAllowed("newsletter")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a purpose, not a cookie category").hasMessageContaining("allows(\"newsletter\")");
        assertThatThrownBy(() -> state.allows("horoscope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares no purpose 'horoscope'");
        assertThatThrownBy(() -> consents.allows(alice, "analytics")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categoryAllowed");
    }

    @Test
    void consentModeFollowsTheTargetedAdsDecision() {
        consents.record(ChoiceRequest.of(alice, Map.of(Topic.category("advertising"), Action.GRANT,
                Topic.purpose("targeted-ads"), Action.DENY, Topic.purpose("retargeting"), Action.DENY), Source.BANNER,
                Jurisdiction.JP, null));
        Map<String, Boolean> signals = consents.state(alice, JP).consentMode();
        assertThat(signals).containsEntry("ad_storage", true).containsEntry("ad_personalization", false);

        consents.record(ChoiceRequest.of(alice, Map.of(Topic.purpose("targeted-ads"), Action.GRANT,
                Topic.purpose("retargeting"), Action.GRANT), Source.BANNER, Jurisdiction.JP, null));
        assertThat(consents.state(alice, JP).consentMode()).containsEntry("ad_personalization", true);

        consents.record(ChoiceRequest.of(alice, Topic.category("advertising"), Action.DENY, Source.BANNER, Jurisdiction.JP));
        ConsentState off = consents.state(alice, JP);
        assertThat(off.purpose("retargeting").reason()).as("the category switched off takes the purpose with it")
                .isEqualTo(Reason.CATEGORY_NOT_ALLOWED);
        assertThat(off.consentMode()).containsEntry("ad_storage", false).containsEntry("ad_personalization", false);
    }

    @Test
    void afterDoNotSellTheBannerHasNothingToAsk() {
        Signals california = Signals.of(Jurisdiction.of("US-CA"));
        SubjectId visitor = SubjectId.newVisitor();
        consents.record(ChoiceRequest.of(visitor, Map.of(Topic.purpose("retargeting"), Action.OBJECT,
                Topic.purpose("targeted-ads"), Action.OBJECT, Topic.purpose("data-sale"), Action.OBJECT),
                Source.DO_NOT_SELL_LINK, Jurisdiction.of("US-CA"), null));
        ConsentState state = consents.state(visitor, california);
        assertThat(state.category("advertising").reason()).isEqualTo(Reason.OBJECTED);
        assertThat(state.category("advertising").allowed()).isFalse();
        assertThat(state.needsChoice()).isFalse();
    }
}
