package dev.consent4j.outbox;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.ConsentSettings;
import java.time.Clock;
import java.time.Instant;

/** The test policy and choices that change its decisions, for the outbox tests. */
public final class OutboxFixtures {

    public static final Topic ADS = Topic.purpose("targeted-ads");

    private OutboxFixtures() {
    }

    public static Policy policy() {
        return PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml", OutboxFixtures.class.getClassLoader());
    }

    public static DecisionChanges changes(Clock clock) {
        return DecisionChanges.of(policy(), ConsentSettings.defaults(), clock);
    }

    /** A choice on targeted ads under the policy's current version: GRANT and WITHDRAW alternate into changes. */
    public static NewEvent choice(SubjectId subject, Action action, Instant at) {
        return NewEvent.of(subject, ADS, action, "v2", at, Source.PREFERENCE_CENTRE, Actor.SELF, "JP", null, null, null);
    }
}
