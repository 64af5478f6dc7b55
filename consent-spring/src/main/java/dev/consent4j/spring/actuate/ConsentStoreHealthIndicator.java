package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequests;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the consent store answers a read; shows the policy version and, when personal requests
 * are set up, how many are open and how many are overdue (overdue requests do not make the
 * application unhealthy: restarting it would not answer them).
 */
public final class ConsentStoreHealthIndicator extends AbstractHealthIndicator {

    /** A subject no shop uses, read to show that the store answers. */
    private static final SubjectId PROBE = SubjectId.customer("consent4j-health-probe");

    private final ConsentManager consents;
    private final PersonalRequests requests;

    public ConsentStoreHealthIndicator(ConsentManager consents) {
        this(consents, null);
    }

    public ConsentStoreHealthIndicator(ConsentManager consents, PersonalRequests requests) {
        super("consent store is not reachable");
        this.consents = consents;
        this.requests = requests;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        consents.history(PROBE, dev.consent4j.state.Signals.of(consents.settings().defaultJurisdiction()));
        builder.up().withDetail("policyVersion", consents.policy().version());
        if (requests != null) {
            builder.withDetail("openRequests", requests.open().size()).withDetail("overdueRequests", requests.overdue().size());
        }
    }
}
