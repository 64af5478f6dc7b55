package dev.consent4j.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.InvalidChoiceException;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.provision.ProvisionDecision;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.provision.ProvisionReason;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.testing.JitteryClock;
import dev.consent4j.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The agreement property: for generated policies and histories, every door the library offers
 * gives the same decision and reason for the same person, topic and moment — the folded state,
 * {@code allows}/{@code mayContact}, bulk decisions and audiences, the provision gate, the state a
 * visitor's cookie folds to, the Consent Mode signals and {@code needsChoice} — and each decision
 * rests on the last event of the subject's chain. A subclass runs it on one store.
 */
abstract class AgreementProperties {

    private static final Map<Class<?>, ConsentStore> STORES = new ConcurrentHashMap<>();
    private static final ConsentCookieCodec COOKIES = new ConsentCookieCodec(
            SigningKeys.of(SigningKey.generate("agreement")), Duration.ofDays(400));
    private static final Set<Reason> OWN_CHOICE = Set.of(Reason.GRANTED, Reason.DENIED, Reason.WITHDRAWN, Reason.EXPIRED,
            Reason.STALE_POLICY);

    /** A store on an empty database; called once per test class. */
    protected abstract ConsentStore createStore() throws Exception;

    private ConsentStore store() throws Exception {
        ConsentStore store = STORES.get(getClass());
        if (store == null) {
            store = createStore();
            STORES.put(getClass(), store);
        }
        return store;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(Scenario::generate);
    }

    @Property(tries = 1000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everySurfaceGivesOneAnswer(@ForAll("scenarios") Scenario scenario) throws Exception {
        ConsentStore store = store();
        Run run = new Run(scenario, store, MutableClock.at("2026-03-01T00:00:00Z"));
        for (Scenario.Step step : scenario.steps()) {
            run.apply(step);
        }
        run.clock.advance(Duration.ofDays(scenario.daysLater()));
        checkAgreement(scenario.current(), store, run.clock, run.subjects(), scenario.signals());
    }

    @Property(tries = 4, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void concurrentWritersAgree(@ForAll("scenarios") Scenario scenario, @ForAll long seed) throws Exception {
        ConsentStore store = store();
        Policy policy = scenario.current();
        Instant base = Instant.parse("2026-03-01T00:00:00Z");
        // Every writer's clock is up to five seconds off, so chain order and time order disagree.
        Clock jittery = new JitteryClock(base, Duration.ofSeconds(5));
        ConsentManager writer = ConsentManager.builder(policy, store).clock(jittery).build();
        List<Topic> topics = topics(policy);
        SubjectId shared = SubjectId.customer("shared-" + UUID.randomUUID());
        List<SubjectId> subjects = new ArrayList<>(List.of(shared));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        Random random = new Random(seed);
        for (int thread = 0; thread < 16; thread++) {
            SubjectId own = SubjectId.customer("own-" + thread + "-" + UUID.randomUUID());
            subjects.add(own);
            long threadSeed = random.nextLong();
            futures.add(pool.submit(() -> {
                Random mine = new Random(threadSeed);
                for (int i = 0; i < 12; i++) {
                    SubjectId subject = mine.nextBoolean() ? shared : own;
                    Topic topic = topics.get(mine.nextInt(topics.size()));
                    Action action = List.of(Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT).get(mine.nextInt(4));
                    try {
                        writer.record(ChoiceRequest.of(subject, topic, action, Source.API, Jurisdiction.JP));
                    } catch (InvalidChoiceException necessaryRefused) {
                        // nothing was written
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        checkAgreement(policy, store, Clock.fixed(base.plusSeconds(10), ZoneOffset.UTC), subjects, scenario.signals());
    }

    private static List<Topic> topics(Policy policy) {
        List<Topic> topics = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            topics.add(Topic.purpose(purpose.id()));
            purpose.channels().forEach(channel -> topics.add(Topic.contact(purpose.id(), channel)));
        }
        policy.cookieCategories().forEach(category -> topics.add(Topic.category(category.id())));
        return topics;
    }

    /** Plays a scenario's steps against one store. */
    private static final class Run {
        final Scenario scenario;
        final ConsentStore store;
        final MutableClock clock;
        final List<ConsentManager> managers = new ArrayList<>();
        final List<SubjectId> customers = new ArrayList<>();
        final List<SubjectId> visitors = new ArrayList<>();
        int version;

        Run(Scenario scenario, ConsentStore store, MutableClock clock) {
            this.scenario = scenario;
            this.store = store;
            this.clock = clock;
            for (Policy policy : scenario.policies()) {
                managers.add(ConsentManager.builder(policy, store).clock(clock).settings(ConsentSettings.defaults()).build());
            }
            String run = UUID.randomUUID().toString();
            for (int i = 0; i < Scenario.CUSTOMERS; i++) {
                customers.add(SubjectId.customer("agree-" + run + "-" + i));
            }
            for (int i = 0; i < Scenario.VISITORS; i++) {
                visitors.add(SubjectId.newVisitor());
            }
        }

        List<SubjectId> subjects() {
            List<SubjectId> all = new ArrayList<>(customers);
            all.addAll(visitors);
            return all;
        }

        void apply(Scenario.Step step) {
            ConsentManager consents = managers.get(version);
            if (step instanceof Scenario.Choose choose) {
                SubjectId subject = (choose.customer() ? customers : visitors).get(choose.subject());
                record(consents, new ChoiceRequest(subject, choose.choices(), choose.memberTerms() ? Source.MEMBER_TERMS : Source.BANNER,
                        choose.guardian() ? Actor.GUARDIAN : Actor.SELF, Jurisdiction.of(choose.jurisdiction()), null, null));
            } else if (step instanceof Scenario.Link link) {
                consents.link(visitors.get(link.visitor()), customers.get(link.customer()),
                        Signals.of(Jurisdiction.of(link.jurisdiction())), Evidence.NONE);
            } else if (step instanceof Scenario.Gpc gpc) {
                SubjectId subject = (gpc.customer() ? customers : visitors).get(gpc.subject());
                consents.recordGpc(subject, Signals.of(Jurisdiction.of(gpc.jurisdiction())).withGpc(true), Evidence.NONE);
            } else if (step instanceof Scenario.Correct correct) {
                SubjectId subject = customers.get(correct.subject());
                List<ConsentEvent> choices = store.events(subject).stream().filter(e -> e.action() != Action.LINK).toList();
                if (!choices.isEmpty()) {
                    ConsentEvent wrong = choices.get(correct.nth() % choices.size());
                    record(consents, new ChoiceRequest(subject, Map.of(wrong.topic(), correct.action()), Source.CALL_CENTRE,
                            Actor.operator("op-1"), Jurisdiction.JP, null, wrong.id()));
                }
            } else if (step instanceof Scenario.Upgrade) {
                version++;
            } else if (step instanceof Scenario.Wait wait) {
                clock.advance(Duration.ofDays(wait.days()).plusSeconds(wait.seconds()));
            }
        }

        private static void record(ConsentManager consents, ChoiceRequest request) {
            try {
                consents.record(request);
            } catch (InvalidChoiceException refused) {
                // e.g. refusing a necessary topic: nothing is written, which the checks then see
            }
        }
    }

    /** Every surface against every other, and each decision against the chain. */
    static void checkAgreement(Policy policy, ConsentStore store, Clock clock, List<SubjectId> subjects, Signals signals) {
        ConsentManager consents = ConsentManager.builder(policy, store).clock(clock).build();
        List<Topic> topics = topics(policy);
        Instant now = clock.instant();
        Map<SubjectId, Map<Topic, ConsentEvent>> latest = new LinkedHashMap<>();
        for (SubjectId subject : subjects) {
            List<ConsentEvent> chain = store.events(subject);
            assertThat(store.verify(subject).valid()).as("%s's chain verifies", subject).isTrue();
            Map<Topic, ConsentEvent> last = lastOnEachTopic(chain);
            latest.put(subject, last);
            ConsentState state = consents.state(subject, signals);
            for (Topic topic : topics) {
                Decision decision = state.decision(topic);
                assertThat(oneDoor(consents, state, subject, topic, signals)).as("%s %s", subject, topic)
                        .isEqualTo(decision.allowed());
                restsOnTheChain(policy, decision, last);
            }
            consentModeFollowsTheDecisions(policy, state);
            assertThat(state.needsChoice()).isEqualTo(state.decisions().values().stream().anyMatch(d -> d.needsChoice()
                    && d.topic().channel() == null && (d.topic().kind() == Topic.Kind.CATEGORY
                            || policy.purpose(d.topic().id()).orElseThrow().channels().isEmpty())));
            if (subject.isVisitor()) {
                theCookieFoldsToTheSameState(consents, subject, last, signals, now, state);
            }
        }
        Map<SubjectId, List<ConsentEvent>> bulkLatest = store.latestEvents(subjects, topics);
        for (SubjectId subject : subjects) {
            Set<EventId> expected = new HashSet<>();
            latest.get(subject).values().forEach(e -> expected.add(e.id()));
            Set<EventId> actual = new HashSet<>();
            bulkLatest.getOrDefault(subject, List.of()).forEach(e -> actual.add(e.id()));
            assertThat(actual).as("the store's latest events of %s are the chain's last", subject).isEqualTo(expected);
        }
        Jurisdiction jurisdiction = signals.jurisdiction();
        Signals bulkSignals = Signals.of(jurisdiction);
        Map<SubjectId, ConsentState> plain = new LinkedHashMap<>();
        subjects.forEach(subject -> plain.put(subject, consents.state(subject, bulkSignals)));
        for (Topic topic : topics) {
            if (topic.kind() == Topic.Kind.CATEGORY) {
                continue;
            }
            Map<SubjectId, Decision> bulk = consents.decisions(subjects, topic.id(), topic.channel(), jurisdiction);
            List<SubjectId> audience = consents.audience(subjects, topic.id(), topic.channel(), jurisdiction);
            for (SubjectId subject : subjects) {
                Decision single = plain.get(subject).decision(topic);
                assertThat(bulk.get(subject)).as("bulk and single decision on %s for %s", topic, subject).isEqualTo(single);
                assertThat(audience.contains(subject)).isEqualTo(single.allowed());
            }
        }
        ProvisionGate gate = ProvisionGate.builder(consents, new InMemoryLedgerStore()).clock(clock).build();
        for (Purpose purpose : policy.purposes()) {
            for (String recipient : purpose.recipients()) {
                Map<SubjectId, ProvisionDecision> decisions = gate.decide(subjects, recipient, jurisdiction);
                for (SubjectId subject : subjects) {
                    Decision decision = plain.get(subject).purpose(purpose.id());
                    ProvisionDecision provision = decisions.get(subject);
                    assertThat(provision.reason()).as("gate for %s on %s after %s", subject, recipient, decision)
                            .isEqualTo(expectedProvision(decision.reason()));
                    if (provision.allowed()) {
                        assertThat(decision.allowed()).isTrue();
                    }
                    assertThat(provision.consent()).isEqualTo(decision);
                }
            }
        }
    }

    private static ProvisionReason expectedProvision(Reason reason) {
        return switch (reason) {
            case NECESSARY -> ProvisionReason.NECESSARY_PURPOSE;
            case GRANTED -> ProvisionReason.CONSENTED;
            case NO_CONSENT, DEFAULT_OPT_OUT -> ProvisionReason.NO_CONSENT;
            default -> ProvisionReason.CONSENT_NOT_CURRENT;
        };
    }

    private static boolean oneDoor(ConsentManager consents, ConsentState state, SubjectId subject, Topic topic, Signals signals) {
        if (topic.kind() == Topic.Kind.CATEGORY) {
            return state.categoryAllowed(topic.id()) && state.cookie("cookie" + topic.id().substring(1) + "_x")
                    .map(Decision::allowed).orElseThrow();
        }
        if (topic.channel() == null) {
            return consents.allows(subject, topic.id(), signals) && state.allows(topic.id());
        }
        return consents.mayContact(subject, topic.id(), topic.channel(), signals) && state.mayContact(topic.id(), topic.channel());
    }

    /** The last event on each topic in chain order, links and corrected events left out: the rule, written out again. */
    static Map<Topic, ConsentEvent> lastOnEachTopic(List<ConsentEvent> chain) {
        Set<EventId> corrected = new HashSet<>();
        chain.forEach(e -> {
            if (e.supersedes() != null) {
                corrected.add(e.supersedes());
            }
        });
        Map<Topic, ConsentEvent> last = new LinkedHashMap<>();
        for (ConsentEvent event : chain) {
            if (event.action() != Action.LINK && !corrected.contains(event.id())) {
                last.put(event.topic(), event);
            }
        }
        return last;
    }

    private static void restsOnTheChain(Policy policy, Decision decision, Map<Topic, ConsentEvent> last) {
        Topic topic = decision.topic();
        if (decision.event() == null) {
            return;
        }
        Set<EventId> candidates = new HashSet<>();
        if (OWN_CHOICE.contains(decision.reason()) || decision.reason() == Reason.MINOR_WITHOUT_GUARDIAN) {
            // Its own choice decided: the last event on the topic (for a channel, the later of it and the purpose's).
            ConsentEvent own = last.get(topic);
            if (topic.channel() != null) {
                ConsentEvent purpose = last.get(Topic.purpose(topic.id()));
                own = own == null ? purpose : purpose == null ? own : own.sequence() > purpose.sequence() ? own : purpose;
            }
            assertThat(own).as("%s rests on an event", decision).isNotNull();
            assertThat(decision.event()).as("%s rests on the last event of the chain", decision).isEqualTo(own.id());
            assertThat(decision.since()).isEqualTo(own.time());
            return;
        }
        // A decision that rests on a linked topic names the last event of one of the topics linked to it.
        List<String> categories = topic.kind() == Topic.Kind.CATEGORY ? List.of(topic.id())
                : policy.purpose(topic.id()).orElseThrow().cookieCategories();
        addLast(candidates, last, topic);
        addLast(candidates, last, Topic.purpose(topic.id()));
        for (String category : categories) {
            addLast(candidates, last, Topic.category(category));
            policy.purposesThrough(category).forEach(p -> addLast(candidates, last, Topic.purpose(p.id())));
        }
        assertThat(candidates).as("%s rests on the last event of a linked topic", decision).contains(decision.event());
    }

    private static void addLast(Set<EventId> ids, Map<Topic, ConsentEvent> last, Topic topic) {
        ConsentEvent event = last.get(topic);
        if (event != null) {
            ids.add(event.id());
        }
    }

    private static void consentModeFollowsTheDecisions(Policy policy, ConsentState state) {
        for (Map.Entry<String, Boolean> signal : state.consentMode().entrySet()) {
            String type = signal.getKey();
            List<CookieCategory> naming = policy.cookieCategories().stream().filter(c -> c.consentModeTypes().contains(type)).toList();
            boolean granted = !naming.isEmpty() && naming.stream().allMatch(c -> state.categoryAllowed(c.id()));
            for (Purpose purpose : policy.purposes()) {
                if (type.equals("ad_personalization") && purpose.targetedAdvertising()
                        || type.equals("ad_user_data") && purpose.saleOrSharing()) {
                    granted &= state.allows(purpose.id());
                }
            }
            assertThat(signal.getValue()).as("Consent Mode %s", type).isEqualTo(granted);
        }
    }

    /**
     * The visitor's cookie, made from the stored standing choices as the endpoints make it, signed,
     * read back and folded, gives the stored state.
     */
    private static void theCookieFoldsToTheSameState(ConsentManager consents, SubjectId visitor, Map<Topic, ConsentEvent> last,
            Signals signals, Instant now, ConsentState stored) {
        List<Choice> standing = new ArrayList<>();
        for (ConsentEvent event : last.values()) {
            if (event.topic().channel() == null) {
                standing.add(Choice.of(event));
            }
        }
        ConsentCookie issued = new ConsentCookie(visitor, now, standing, false);
        ConsentCookieCodec.Result read = COOKIES.decode(COOKIES.encode(issued), now);
        assertThat(read.trusted()).as("the cookie verifies: %s", read.rejection()).isTrue();
        List<Choice> carried = read.cookie().asChoices();
        ConsentState fromCookie = new StateFolder(consents.policy(), consents.settings()).fold(visitor, carried, signals, now);
        for (Decision decision : stored.decisions().values()) {
            Decision other = fromCookie.decision(decision.topic());
            assertThat(other.allowed()).as("cookie and store on %s", decision.topic()).isEqualTo(decision.allowed());
            assertThat(other.reason()).as("cookie and store on %s", decision.topic()).isEqualTo(decision.reason());
        }
        assertThat(fromCookie.needsChoice()).isEqualTo(stored.needsChoice());
        assertThat(fromCookie.consentMode()).isEqualTo(stored.consentMode());
    }
}
