package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentObserver;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.servlet.EnforcementListener;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * consent4j's Micrometer meters, told by the {@link dev.consent4j.ConsentManager} (as its
 * {@link ConsentObserver}) and by the filter and endpoints (as their {@link EnforcementListener}).
 * Every tag value comes from the policy's bounded sets (topics, purposes, channels, categories,
 * the jurisdictions it or the settings name) or from consent4j's own enums; anything else is
 * {@code other}. See docs/spring.md for the list.
 */
public final class ConsentMetrics implements ConsentObserver, EnforcementListener {

    private final MeterRegistry registry;
    private final MeterTags tags;

    public ConsentMetrics(MeterRegistry registry, Policy policy, ConsentSettings settings) {
        this.registry = registry;
        this.tags = new MeterTags(policy, settings);
        // All three from the start, so a rate reads 0 rather than "no data" until each is first used.
        for (BannerOutcome outcome : BannerOutcome.values()) {
            bannerOutcomes(outcome);
        }
    }

    private Counter bannerOutcomes(BannerOutcome outcome) {
        return Counter.builder("consent.banner.outcomes").description("answers to the banner: accept-all, reject-all, custom")
                .tag("outcome", outcome.value()).register(registry);
    }

    @Override
    public void recorded(List<ConsentEvent> events) {
        for (ConsentEvent event : events) {
            Counter.builder("consent.choices").description("consent events recorded")
                    .tag("topic", tags.topic(event.topic()))
                    .tag("action", MeterTags.of(event.action()))
                    .tag("source", MeterTags.of(event.source()))
                    .tag("jurisdiction", tags.jurisdiction(event.jurisdiction()))
                    .register(registry).increment();
            Topic topic = event.topic();
            if (topic != null && topic.kind() == Topic.Kind.CONTACT && refuses(event.action())) {
                Counter.builder("consent.optouts").description("marketing contact stopped, per purpose and channel")
                        .tag("purpose", tags.purpose(topic.id()))
                        .tag("channel", tags.channel(topic.id(), Objects.requireNonNull(topic.channel())))
                        .register(registry).increment();
            }
            if (event.source() == Source.ONE_CLICK_UNSUBSCRIBE) {
                Counter.builder("consent.unsubscribes").description("one-click unsubscribes from mail")
                        .tag("topic", tags.topic(topic)).register(registry).increment();
            }
        }
    }

    private static boolean refuses(Action action) {
        return action == Action.DENY || action == Action.WITHDRAW || action == Action.OBJECT;
    }

    @Override
    public void cookieDropped(String cookieName, String categoryId, Reason reason) {
        refused(MeterTags.of(reason), tags.category(categoryId));
    }

    @Override
    public void storeUnavailable() {
        registry.counter("consent.store.unavailable").increment();
    }

    @Override
    public void undeclaredCookie(String cookieName, boolean dropped) {
        // The name is not a tag: undeclared names are not bounded by the policy.
        Counter.builder("consent.cookies.undeclared").description("Set-Cookie headers of cookies the policy does not declare")
                .tag("dropped", Boolean.toString(dropped)).register(registry).increment();
        if (dropped) {
            refused("undeclared", MeterTags.OTHER);
        }
    }

    private void refused(String reason, String category) {
        Counter.builder("consent.cookies.refused").description("Set-Cookie headers the filter kept from the browser")
                .tag("reason", reason).tag("category", category).register(registry).increment();
    }

    @Override
    public void cookieExpired(String cookieName, String categoryId) {
        Counter.builder("consent.cookies.expired").description("refused cookies the browser sent, expired")
                .tag("category", tags.category(categoryId)).register(registry).increment();
    }

    @Override
    public void expiriesDeferred(int count) {
        Counter.builder("consent.cookies.expiries.deferred")
                .description("refused cookies left for a later response by the expiry limits")
                .register(registry).increment(count);
    }

    @Override
    public void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
        Counter.builder("consent.gpc.honoured").description("requests whose Global Privacy Control signal was applied")
                .tag("jurisdiction", tags.jurisdiction(jurisdiction.code()))
                .tag("subject", customer ? "customer" : "visitor")
                .register(registry).increment();
    }

    @Override
    public void bannerOutcome(BannerOutcome outcome) {
        bannerOutcomes(outcome).increment();
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
