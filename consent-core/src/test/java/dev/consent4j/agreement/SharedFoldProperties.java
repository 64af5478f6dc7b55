package dev.consent4j.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The shared fold the filter enforces for visitors answers every topic as the visitor's own fold
 * does — allowed or refused, and why — whoever folded the same pattern first: a stream of cookies
 * with random choices, actors, policy versions and ages goes through one folder, and each shared
 * answer is compared with a fresh fold of that cookie.
 */
class SharedFoldProperties {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Action[] ACTIONS = {Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT};

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(Scenario::generate);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void sharedStatesDecideAsTheVisitorsOwnFold(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        Policy policy = scenario.current();
        StateFolder folder = new StateFolder(policy, ConsentSettings.defaults());
        Random random = new Random(seed);
        List<Topic> topics = cookieTopics(policy);
        List<String> versions = scenario.policies().stream().map(Policy::version).toList();
        for (int visitor = 0; visitor < 60; visitor++) {
            List<Choice> choices = new ArrayList<>();
            for (Topic topic : topics) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                // Ages cluster around the validity's end, so grants fall on both sides of it.
                long ageSeconds = random.nextBoolean() ? random.nextInt(3600) : 86_400L * (random.nextInt(420));
                choices.add(new Choice(topic, ACTIONS[random.nextInt(random.nextInt(4) + 1)], NOW.minusSeconds(ageSeconds),
                        versions.get(random.nextInt(versions.size())),
                        random.nextInt(4) == 0 ? Actor.Kind.GUARDIAN : Actor.Kind.SELF, null));
            }
            Signals signals = random.nextBoolean() ? scenario.signals() : scenario.signals().withGpc(!scenario.signals().gpc());
            SubjectId subject = SubjectId.newVisitor();

            ConsentState shared = folder.foldShared(choices, signals, NOW);
            ConsentState own = folder.fold(subject, choices, signals, NOW);

            assertThat(shared.decisions().keySet()).containsExactlyElementsOf(own.decisions().keySet());
            for (Decision decision : own.decisions().values()) {
                Decision sharedDecision = shared.decision(decision.topic());
                assertThat(sharedDecision.allowed()).as("%s with %s under %s", decision.topic(), choices, signals)
                        .isEqualTo(decision.allowed());
                assertThat(sharedDecision.reason()).as("%s with %s under %s", decision.topic(), choices, signals)
                        .isEqualTo(decision.reason());
            }
            assertThat(shared.needsChoice()).isEqualTo(own.needsChoice());
            assertThat(shared.consentMode()).isEqualTo(own.consentMode());
        }
    }

    /** The topics a consent cookie can hold: cookie categories and purposes (never channels). */
    private static List<Topic> cookieTopics(Policy policy) {
        List<Topic> topics = new ArrayList<>();
        for (CookieCategory category : policy.cookieCategories()) {
            topics.add(Topic.category(category.id()));
        }
        for (Purpose purpose : policy.purposes()) {
            topics.add(Topic.purpose(purpose.id()));
        }
        return topics;
    }
}
