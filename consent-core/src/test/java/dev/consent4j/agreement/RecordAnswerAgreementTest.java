package dev.consent4j.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.InvalidChoiceException;
import dev.consent4j.Recorded;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.MutableClock;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * What {@code record(request, signals)} answers — from the latest events the store reads with the
 * append, not from the chain — is what folding the whole chain answers right after: every
 * decision, the archived choices and the latest choices a cookie is made of. Histories run through
 * policy versions that remove topics (with a revision saying so, or silently) and add them back,
 * with corrections, links and GPC signals, on every store path: in memory with and without an
 * outbox, and JDBC (H2) with and without one, behind the cache.
 */
class RecordAnswerAgreementTest {

    private static final List<String> PURPOSES = List.of("p0", "p1", "p2", "p3");
    private static final List<String> CATEGORIES = List.of("c0", "c1", "c2");
    private static final Map<String, ConsentStore> JDBC = new LinkedHashMap<>();
    private static HikariDataSource dataSource;

    @AfterContainer
    static void close() {
        JDBC.clear();
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void recordAnswersAsTheWholeChainFolds(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<Policy> versions = versions(random);
        for (ConsentStore store : stores(versions.get(versions.size() - 1))) {
            play(new Random(seed), versions, store);
        }
    }

    /**
     * The outbox decides only the topics the appended choices bear on; what it writes is what
     * deciding every declared topic before and after would give.
     */
    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void theOutboxMissesNoChangedDecision(@ForAll long seed) {
        Random random = new Random(seed);
        List<Policy> versions = versions(random);
        Policy policy = versions.get(versions.size() - 1);
        StateFolder folder = new StateFolder(policy, ConsentSettings.defaults());
        Clock clock = Clock.fixed(java.time.Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        DecisionChanges changes = DecisionChanges.of(policy, ConsentSettings.defaults(), clock);
        SubjectId subject = SubjectId.customer("outbox");
        List<Topic> all = new ArrayList<>();
        PURPOSES.forEach(id -> all.add(Topic.purpose(id)));
        all.add(Topic.contact("p1", "post"));
        all.add(Topic.contact("p1", "email"));
        CATEGORIES.forEach(id -> all.add(Topic.category(id)));
        List<ConsentEvent> chain = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i <= count; i++) {
            Topic topic = all.get(random.nextInt(all.size()));
            String version = versions.get(random.nextInt(versions.size())).version();
            dev.consent4j.event.NewEvent event = dev.consent4j.event.NewEvent.of(subject, topic, action(random), version,
                    clock.instant().minus(Duration.ofDays(random.nextInt(400))), Source.BANNER,
                    random.nextInt(6) == 0 ? Actor.GUARDIAN : Actor.SELF, jurisdiction(random), null, null, null);
            chain.add(chain.isEmpty() ? event.seal(1, "") : event.sealAfter(chain.get(chain.size() - 1)));
        }
        int split = random.nextInt(chain.size());
        Map<Topic, ConsentEvent> before = new LinkedHashMap<>();
        chain.subList(0, split).forEach(e -> before.put(e.topic(), e));
        List<ConsentEvent> appended = chain.subList(split, chain.size());

        List<dev.consent4j.outbox.DecisionChange> expected = new ArrayList<>();
        Map<Topic, dev.consent4j.state.Choice> was = new LinkedHashMap<>();
        before.values().forEach(e -> was.put(e.topic(), dev.consent4j.state.Choice.of(e)));
        Map<Topic, dev.consent4j.state.Choice> is = new LinkedHashMap<>(was);
        appended.forEach(e -> is.put(e.topic(), dev.consent4j.state.Choice.of(e)));
        Signals signals = Signals.of(Jurisdiction.of(appended.get(appended.size() - 1).jurisdiction()));
        for (Topic topic : folder.topics()) {
            dev.consent4j.state.Decision then = folder.decide(topic, was::get, signals, clock.instant());
            dev.consent4j.state.Decision now = folder.decide(topic, is::get, signals, clock.instant());
            if (then.allowed() != now.allowed() || then.reason() != now.reason()) {
                expected.add(new dev.consent4j.outbox.DecisionChange(topic, then, now));
            }
        }

        assertThat(changes.entry(subject, List.copyOf(before.values()), appended)
                .map(dev.consent4j.outbox.OutboxEntry::changes).orElse(List.of())).isEqualTo(expected);
    }

    /** The stores, one per path; the JDBC ones are shared by the tries (each try has its own subjects). */
    private static List<ConsentStore> stores(Policy last) throws Exception {
        Clock clock = Clock.systemUTC();
        List<ConsentStore> stores = new ArrayList<>();
        stores.add(new InMemoryConsentStore());
        stores.add(new InMemoryConsentStore(DecisionChanges.of(last, ConsentSettings.defaults(), clock)));
        if (JDBC.isEmpty()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:file:" + Files.createTempDirectory("record-answer").resolve("consent").toAbsolutePath());
            config.setMaximumPoolSize(4);
            config.setPoolName("record-answer");
            dataSource = new HikariDataSource(config);
            JdbcConsentStore plain = JdbcConsentStore.builder(dataSource).tablePrefix("ra_plain_").build();
            plain.initializeSchema();
            // Its outbox decides under a policy declaring every topic any version has.
            JdbcConsentStore outbox = JdbcConsentStore.builder(dataSource).tablePrefix("ra_outbox_")
                    .outbox(DecisionChanges.of(policy("all", PURPOSES, CATEGORIES, List.of()),
                            ConsentSettings.defaults(), clock))
                    .build();
            outbox.initializeSchema();
            JDBC.put("plain", plain);
            JDBC.put("outbox", outbox);
            JDBC.put("cached outbox", CachingConsentStore.builder(outbox).build());
        }
        stores.addAll(JDBC.values());
        return stores;
    }

    private static void play(Random random, List<Policy> versions, ConsentStore store) {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        List<ConsentManager> managers = new ArrayList<>();
        for (Policy policy : versions) {
            managers.add(ConsentManager.builder(policy, store).clock(clock).build());
        }
        String run = UUID.randomUUID().toString();
        List<SubjectId> subjects = List.of(SubjectId.customer("ra-" + run), SubjectId.newVisitor(), SubjectId.newVisitor());
        int version = 0;
        int steps = 5 + random.nextInt(30);
        for (int step = 0; step < steps; step++) {
            ConsentManager consents = managers.get(version);
            Policy policy = versions.get(version);
            int kind = random.nextInt(100);
            if (kind < 10 && version < versions.size() - 1) {
                version++;
            } else if (kind < 18) {
                clock.advance(Duration.ofDays(random.nextInt(200)));
            } else if (kind < 23) {
                consents.link(subjects.get(1 + random.nextInt(2)), subjects.get(0),
                        Signals.of(Jurisdiction.of(jurisdiction(random))), Evidence.NONE);
            } else if (kind < 28) {
                consents.recordGpc(subjects.get(random.nextInt(3)), Signals.of(Jurisdiction.of("US-CA")).withGpc(true),
                        Evidence.NONE);
            } else {
                SubjectId subject = subjects.get(random.nextInt(3));
                Signals signals = Signals.of(Jurisdiction.of(jurisdiction(random))).withGpc(random.nextInt(4) == 0);
                ChoiceRequest request = kind < 35 && subject.isCustomer() ? correction(random, store, subject, signals)
                        : choices(random, policy, subject, signals);
                if (request != null) {
                    recordAndCompare(consents, store, request, signals);
                }
            }
        }
    }

    private static void recordAndCompare(ConsentManager consents, ConsentStore store, ChoiceRequest request, Signals signals) {
        Recorded recorded;
        try {
            recorded = consents.record(request, signals);
        } catch (InvalidChoiceException refused) {
            return;
        }
        SubjectId subject = request.subject();
        ConsentState folded = consents.state(subject, signals);
        assertThat(recorded.state().decisions()).as("decisions of %s", subject).isEqualTo(folded.decisions());
        assertThat(recorded.state().archived()).as("archived choices of %s", subject).isEqualTo(folded.archived());
        assertThat(recorded.state().signals()).isEqualTo(folded.signals());
        assertThat(recorded.state().subject()).isEqualTo(subject);
        assertThat(recorded.latestChoices()).as("latest choices of %s", subject)
                .containsExactlyInAnyOrderElementsOf(StateFolder.latestChoices(store.events(subject)));
    }

    private static ChoiceRequest choices(Random random, Policy policy, SubjectId subject, Signals signals) {
        List<Topic> topics = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            topics.add(Topic.purpose(purpose.id()));
            if (subject.isCustomer()) {
                purpose.channels().forEach(channel -> topics.add(Topic.contact(purpose.id(), channel)));
            }
        }
        policy.cookieCategories().forEach(category -> topics.add(Topic.category(category.id())));
        Map<Topic, Action> choices = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            choices.put(topics.get(random.nextInt(topics.size())), action(random));
        }
        return new ChoiceRequest(subject, choices, Source.BANNER, random.nextInt(6) == 0 ? Actor.GUARDIAN : Actor.SELF,
                signals.jurisdiction(), null, null);
    }

    /** A correction of one of the customer's events on a topic the current version still declares, or none. */
    private static ChoiceRequest correction(Random random, ConsentStore store, SubjectId subject, Signals signals) {
        List<ConsentEvent> choices = store.events(subject).stream().filter(e -> e.action() != Action.LINK).toList();
        if (choices.isEmpty()) {
            return null;
        }
        ConsentEvent wrong = choices.get(random.nextInt(choices.size()));
        return new ChoiceRequest(subject, Map.of(wrong.topic(), action(random)), Source.CALL_CENTRE, Actor.operator("op-1"),
                signals.jurisdiction(), null, wrong.id());
    }

    private static Action action(Random random) {
        return List.of(Action.GRANT, Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT).get(random.nextInt(5));
    }

    private static String jurisdiction(Random random) {
        return Scenario.JURISDICTIONS.get(random.nextInt(Scenario.JURISDICTIONS.size()));
    }

    /**
     * Up to four versions of one policy. p0 and c0 (necessary) are always there; each of the
     * others may be left out of a version and come back in a later one. A version that leaves a
     * topic out says so in its revision (removed) or, now and then, silently; one that brings it
     * back says it was added.
     */
    private static List<Policy> versions(Random random) {
        int count = 1 + random.nextInt(4);
        List<Revision> history = new ArrayList<>();
        List<Policy> versions = new ArrayList<>();
        Set<String> previous = new HashSet<>();
        previous.addAll(PURPOSES);
        previous.addAll(CATEGORIES);
        for (int v = 1; v <= count; v++) {
            List<String> purposes = new ArrayList<>(List.of("p0"));
            List<String> categories = new ArrayList<>(List.of("c0"));
            for (String id : PURPOSES.subList(1, PURPOSES.size())) {
                if (v == 1 || random.nextInt(3) != 0) {
                    purposes.add(id);
                }
            }
            for (String id : CATEGORIES.subList(1, CATEGORIES.size())) {
                if (v == 1 || random.nextInt(3) != 0) {
                    categories.add(id);
                }
            }
            List<Revision.Change> changes = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            if (v > 1) {
                for (String id : previous) {
                    if (!purposes.contains(id) && !categories.contains(id) && random.nextInt(4) != 0) {
                        changes.add(new Revision.Change(id, Revision.Kind.REMOVED, null));
                    }
                }
                for (String id : purposes) {
                    if (!previous.contains(id)) {
                        changes.add(new Revision.Change(id, Revision.Kind.ADDED, null));
                    } else if (random.nextInt(4) == 0) {
                        changed.add(id);
                    }
                }
                for (String id : categories) {
                    if (!previous.contains(id)) {
                        changes.add(new Revision.Change(id, Revision.Kind.ADDED, null));
                    }
                }
            }
            history.add(new Revision("v" + v, LocalDate.of(2026, 1, v), changed, changes));
            versions.add(policy("v" + v, purposes, categories, history));
            previous = new HashSet<>(purposes);
            previous.addAll(categories);
        }
        return versions;
    }

    /**
     * A policy with the given purposes and categories: p1 has a post and an email channel, p2 is a
     * sale carried out through c1 when c1 is there, p3 is opt-out; c1 and c2 are opt-in.
     */
    private static Policy policy(String version, List<String> purposeIds, List<String> categoryIds, List<Revision> history) {
        Policy.Builder builder = Policy.builder("generated", version).languages(List.of("en"))
                .operator(new Party(text("Shop"), text("Tokyo"), text("Rep"), text("privacy@shop.test")))
                .consentValidity(Period.ofMonths(6));
        for (String id : categoryIds) {
            builder.cookieCategory(new CookieCategory(id, text("Category " + id), null,
                    BasisRule.of(id.equals("c0") ? Basis.NECESSARY : Basis.OPT_IN),
                    List.of(new CookieDeclaration("cookie" + id.substring(1) + "_*", List.of(), "/", CookieDeclaration.SetBy.SERVER,
                            CookieDeclaration.Storage.COOKIE, text("why"))),
                    List.of()));
        }
        for (String id : purposeIds) {
            Purpose.Builder purpose = Purpose.builder(id).title(text("Purpose " + id)).recipients(List.of("r" + id))
                    .basis(new BasisRule(id.equals("p3") ? Basis.OPT_OUT : Basis.OPT_IN, Map.of("US", Basis.OPT_OUT)));
            if (id.equals("p1")) {
                purpose.channels(List.of("post", "email"));
            }
            if (id.equals("p2")) {
                purpose.saleOrSharing(true).targetedAdvertising(true)
                        .cookieCategories(categoryIds.contains("c1") ? List.of("c1") : List.of());
            }
            builder.purpose(purpose.build());
            builder.recipient(new Recipient("r" + id, text("Recipient " + id), Relation.THIRD_PARTY, "JP", List.of(), List.of(),
                    List.of(id), null, false, null, null, null));
        }
        history.forEach(builder::revision);
        return builder.build();
    }

    private static LocalizedText text(String english) {
        return LocalizedText.of("en", english);
    }
}
