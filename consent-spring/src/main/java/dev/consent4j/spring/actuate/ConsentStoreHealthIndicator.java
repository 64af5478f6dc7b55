package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Up when the consent store answers a read; the policy version is shown with it. */
public final class ConsentStoreHealthIndicator extends AbstractHealthIndicator {

    /** A subject no shop uses, read to show that the store answers. */
    private static final SubjectId PROBE = SubjectId.customer("consent4j-health-probe");

    private final ConsentManager consents;

    public ConsentStoreHealthIndicator(ConsentManager consents) {
        super("consent store is not reachable");
        this.consents = consents;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        consents.history(PROBE, dev.consent4j.state.Signals.of(consents.settings().defaultJurisdiction()));
        builder.up().withDetail("policyVersion", consents.policy().version());
    }
}
