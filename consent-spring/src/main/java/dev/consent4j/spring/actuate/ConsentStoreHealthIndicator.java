package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.state.Signals;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the consent store answers a read; shows the kind of store ({@code memory}, {@code h2},
 * {@code postgresql}, {@code mariadb}, {@code mysql}, or the class of a store of your own), the
 * policy's id and version and, when personal requests are set up, how many are open and how many
 * are overdue (overdue requests do not make the application unhealthy: restarting it would not
 * answer them).
 */
public final class ConsentStoreHealthIndicator extends AbstractHealthIndicator {

    /** A subject no shop uses, read to show that the store answers. */
    private static final SubjectId PROBE = SubjectId.customer("consent4j-health-probe");

    private final ConsentManager consents;
    private final PersonalRequests requests;
    private final String storeType;

    public ConsentStoreHealthIndicator(ConsentManager consents) {
        this(consents, null, null);
    }

    public ConsentStoreHealthIndicator(ConsentManager consents, PersonalRequests requests) {
        this(consents, requests, null);
    }

    /**
     * @param requests  personal requests, or null when they are not set up
     * @param storeType what the details call the store, e.g. {@code postgresql}; none when null
     */
    public ConsentStoreHealthIndicator(ConsentManager consents, PersonalRequests requests, String storeType) {
        super("consent store is not reachable");
        this.consents = consents;
        this.requests = requests;
        this.storeType = storeType;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        consents.history(PROBE, Signals.of(consents.settings().defaultJurisdiction()));
        builder.up();
        if (storeType != null) {
            builder.withDetail("store", storeType);
        }
        if (consents.policy().id() != null && !consents.policy().id().isBlank()) {
            builder.withDetail("policyId", consents.policy().id());
        }
        builder.withDetail("policyVersion", consents.policy().version());
        if (requests != null) {
            builder.withDetail("openRequests", requests.open().size()).withDetail("overdueRequests", requests.overdue().size());
        }
    }
}
