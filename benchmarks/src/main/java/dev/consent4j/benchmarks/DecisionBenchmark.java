package dev.consent4j.benchmarks;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Decisions and folding beside the least work that could give the same answer: a decision on a
 * state already folded (what the filter asks on every request) against a {@link HashMap} lookup;
 * folding a subject's 100 events under the policy against keeping the latest action per topic;
 * loading and validating the policy against only parsing its YAML into a tree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    private final ConsentState state;
    private final Map<String, Boolean> allowedByPurpose;
    private final StateFolder folder;
    private final List<ConsentEvent> hundredEvents;
    private final SubjectId subject;
    private final Signals signals;
    private final Instant now;
    private final byte[] policyBytes;
    private final YAMLMapper yaml;

    /**
     * The setup a trial-level {@code @Setup} method would do, in the constructor so that every field
     * is final and assigned: JMH builds this state once per thread for each trial.
     */
    public DecisionBenchmark() {
        Policy policy = Fixtures.examplePolicy();
        folder = new StateFolder(policy, ConsentSettings.defaults());
        subject = SubjectId.customer("c-42");
        signals = Signals.of(Jurisdiction.JP);
        now = Instant.now();
        List<Topic> topics = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            if (!purpose.basis().alwaysNecessary()) {
                topics.add(Topic.purpose(purpose.id()));
                purpose.channels().forEach(channel -> topics.add(Topic.contact(purpose.id(), channel)));
            }
        }
        for (CookieCategory category : policy.cookieCategories()) {
            if (!category.basis().alwaysNecessary()) {
                topics.add(Topic.category(category.id()));
            }
        }
        hundredEvents = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < 100; i++) {
            Action action = i % 3 == 0 ? Action.WITHDRAW : Action.GRANT;
            ConsentEvent event = NewEvent.of(subject, topics.get(i % topics.size()), action, policy.version(),
                    now.minusSeconds(100 - i), Source.BANNER, Actor.SELF, "JP", Evidence.NONE, null, null)
                    .seal(i + 1, previous);
            previous = event.hash();
            hundredEvents.add(event);
        }
        state = folder.foldEvents(subject, hundredEvents, signals, now);
        allowedByPurpose = new HashMap<>();
        policy.purposes().forEach(p -> allowedByPurpose.put(p.id(), state.allows(p.id())));
        policyBytes = Fixtures.examplePolicyBytes();
        yaml = new YAMLMapper();
    }

    @Benchmark
    public boolean decisionOnFoldedState() {
        return state.allows("targeted-ads");
    }

    @Benchmark
    public @Nullable Boolean baselineHashMapLookup() {
        return allowedByPurpose.get("targeted-ads");
    }

    @Benchmark
    public ConsentState foldHundredEvents() {
        return folder.foldEvents(subject, hundredEvents, signals, now);
    }

    @Benchmark
    public Map<Topic, Action> baselineLatestActionPerTopic() {
        Map<Topic, Action> latest = new HashMap<>();
        for (ConsentEvent event : hundredEvents) {
            latest.put(event.topic(), event.action());
        }
        return latest;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Policy loadAndValidatePolicy() {
        return dev.consent4j.policy.load.PolicyLoader.load(Fixtures.POLICY_RESOURCE, new java.io.ByteArrayInputStream(policyBytes));
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public JsonNode baselineParseYamlTree() {
        return yaml.readTree(policyBytes);
    }
}
