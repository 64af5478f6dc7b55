package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.state.Signals;
import dev.consent4j.store.cache.PostgresInvalidations;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the consent store answers a read; shows the kind of store ({@code memory}, {@code h2},
 * {@code postgresql}, {@code mariadb}, {@code mysql}, or the class of a store of your own), the
 * policy's id and version and, when personal requests are set up, how many are open and how many
 * are overdue (overdue requests do not make the application unhealthy: restarting it would not
 * answer them).
 *
 * <p>On PostgreSQL with a listening cache, detail {@code invalidations} shows the listener's
 * {@link PostgresInvalidations.Status}: {@code state} ({@code LISTENING}, {@code RECONNECTING},
 * {@code STOPPED}), {@code lastRoundTrip}, {@code reconnects} and {@code overdue}. While it
 * reconnects the health stays up (it recovers by itself, and the cache was cleared when the
 * connection was lost); a stopped listener makes it down, since other nodes' changes then reach
 * this node only when its cache entries expire.
 */
public final class ConsentStoreHealthIndicator extends AbstractHealthIndicator {

    /** A subject no shop uses, read to show that the store answers. */
    private static final SubjectId PROBE = SubjectId.customer("consent4j-health-probe");

    private final ConsentManager consents;
    private final @Nullable PersonalRequests requests;
    private final @Nullable String storeType;
    private final @Nullable Supplier<PostgresInvalidations.Status> invalidations;

    public ConsentStoreHealthIndicator(ConsentManager consents) {
        this(consents, null, (String) null);
    }

    public ConsentStoreHealthIndicator(ConsentManager consents, @Nullable PersonalRequests requests) {
        this(consents, requests, (String) null);
    }

    /**
     * @param requests  personal requests, or null when they are not set up
     * @param storeType what the details call the store, e.g. {@code postgresql}; none when null
     */
    public ConsentStoreHealthIndicator(ConsentManager consents, @Nullable PersonalRequests requests,
            @Nullable String storeType) {
        this(consents, requests, storeType, null);
    }

    /**
     * @param requests      personal requests, or null when they are not set up
     * @param storeType     what the details call the store, e.g. {@code postgresql}; none when null
     * @param invalidations the cache listener's status, or null without one
     */
    public ConsentStoreHealthIndicator(ConsentManager consents, @Nullable PersonalRequests requests,
            @Nullable String storeType, @Nullable Supplier<PostgresInvalidations.Status> invalidations) {
        super("consent store is not reachable");
        this.consents = consents;
        this.requests = requests;
        this.storeType = storeType;
        this.invalidations = invalidations;
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
        if (invalidations != null) {
            PostgresInvalidations.Status status = invalidations.get();
            builder.withDetail("invalidations", status);
            if (status.state() == PostgresInvalidations.Status.State.STOPPED) {
                builder.down();
            }
        }
    }
}
