package dev.consent4j.spring.actuate;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.EnforcementListener;
import dev.consent4j.store.ConsentStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Micrometer meters: {@code consent.choices} (per topic, action and source), {@code consent.unsubscribes},
 * {@code consent.cookies.dropped} and {@code consent.cookies.expired} (per category),
 * {@code consent.cookies.expiries.deferred} (refused cookies left for a later response by the
 * expiry limits), {@code consent.cookies.undeclared} and {@code consent.store.unavailable} (signed-in
 * requests that got the fail-closed state because the store failed or was too slow). Topic tags come from the policy, so their number is bounded.
 */
public final class ConsentMetrics implements EnforcementListener {

    private final MeterRegistry registry;

    public ConsentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The store, counting every event it stores. */
    public ConsentStore meter(ConsentStore store) {
        return new ConsentStore() {
            @Override
            public List<ConsentEvent> append(List<ConsentEvent> events) {
                List<ConsentEvent> stored = store.append(events);
                for (ConsentEvent event : stored) {
                    String source = event.source().name().toLowerCase(Locale.ROOT);
                    registry.counter("consent.choices", "topic", event.topic() == null ? "link" : event.topic().toString(),
                            "action", event.action().name().toLowerCase(Locale.ROOT), "source", source).increment();
                    if (event.source() == Source.ONE_CLICK_UNSUBSCRIBE) {
                        registry.counter("consent.unsubscribes", "topic", event.topic().toString()).increment();
                    }
                }
                return stored;
            }

            @Override
            public List<ConsentEvent> events(SubjectId subject) {
                return store.events(subject);
            }

            @Override
            public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
                return store.latestEvents(subjects, topics);
            }
        };
    }

    @Override
    public void cookieDropped(String cookieName, String categoryId) {
        registry.counter("consent.cookies.dropped", "category", categoryId).increment();
    }

    @Override
    public void cookieExpired(String cookieName, String categoryId) {
        registry.counter("consent.cookies.expired", "category", categoryId).increment();
    }

    @Override
    public void expiriesDeferred(int count) {
        registry.counter("consent.cookies.expiries.deferred").increment(count);
    }

    @Override
    public void storeUnavailable() {
        registry.counter("consent.store.unavailable").increment();
    }

    @Override
    public void undeclaredCookie(String cookieName, boolean dropped) {
        // The name is not a tag: undeclared names are not bounded by the policy.
        Counter.builder("consent.cookies.undeclared").tag("dropped", Boolean.toString(dropped)).register(registry).increment();
    }

    /**
     * Gauges of personal requests: {@code consent.requests.open} and {@code consent.requests.overdue}
     * (open past the jurisdiction's deadline), registered when built and read at each scrape.
     */
    public static final class RequestGauges {

        public RequestGauges(MeterRegistry registry, PersonalRequests requests) {
            Gauge.builder("consent.requests.open", requests, r -> r.open().size())
                    .description("personal requests not yet done or refused").register(registry);
            Gauge.builder("consent.requests.overdue", requests, r -> r.overdue().size())
                    .description("personal requests open past their due date").register(registry);
        }
    }
}
