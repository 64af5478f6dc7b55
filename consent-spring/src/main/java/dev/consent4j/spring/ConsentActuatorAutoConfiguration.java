package dev.consent4j.spring;

import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Policy;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.spring.actuate.ConsentActuatorEndpoint;
import dev.consent4j.spring.actuate.ConsentMetrics;
import dev.consent4j.spring.actuate.ConsentOutboxHealthIndicator;
import dev.consent4j.spring.actuate.ConsentStoreHealthIndicator;
import dev.consent4j.spring.actuate.OutboxMetrics;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Metrics, health and the {@code consent} actuator endpoint, each when its library is present. */
@AutoConfiguration(before = ConsentAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "consent.enabled", matchIfMissing = true)
public final class ConsentActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static final class Metrics {

        /**
         * Counts choices, opt-outs, banner outcomes, GPC signals and refused cookies: the
         * {@code ConsentManager} tells it as its observer, the filter and endpoints as their listener.
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(MeterRegistry.class)
        ConsentMetrics consentMetrics(MeterRegistry registry, Policy policy, ConsentSettings settings) {
            return new ConsentMetrics(registry, policy, settings);
        }

        /**
         * {@code consent.requests.open} and {@code consent.requests.overdue}, read at each scrape;
         * registered once every bean exists, since personal requests are configured after this.
         */
        /** The outbox dispatcher's listener and the outbox gauges, when {@code consent.outbox.enabled}. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnBooleanProperty("consent.outbox.enabled")
        OutboxMetrics consentOutboxMetrics(MeterRegistry registry, ObjectProvider<ConsentStore> store, ObjectProvider<java.time.Clock> clock) {
            return new OutboxMetrics(registry, outboxOf(store), clock.getIfAvailable(java.time.Clock::systemUTC));
        }

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        SmartInitializingSingleton consentRequestGauges(MeterRegistry registry, ObjectProvider<PersonalRequests> requests) {
            return () -> requests.ifAvailable(r -> new ConsentMetrics.RequestGauges(registry, r));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static final class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "consentStoreHealthIndicator")
        ConsentStoreHealthIndicator consentStoreHealthIndicator(ObjectProvider<ConsentManager> consents,
                ObjectProvider<PersonalRequests> requests, ObjectProvider<ConsentStore> store,
                ObjectProvider<DataSource> dataSource) {
            ConsentStore found = store.getIfUnique();
            String type = found == null ? null : ConsentStoreAutoConfiguration.storeType(found, dataSource.getIfUnique());
            Supplier<PostgresInvalidations.Status> invalidations =
                    found instanceof ConsentStoreAutoConfiguration.ListeningConsentStore listening
                            ? listening::invalidationStatus : null;
            return new ConsentStoreHealthIndicator(consents.getObject(), requests.getIfAvailable(), type, invalidations);
        }

        @Bean
        @ConditionalOnMissingBean(name = "consentOutboxHealthIndicator")
        @ConditionalOnBooleanProperty("consent.outbox.enabled")
        ConsentOutboxHealthIndicator consentOutboxHealthIndicator(ObjectProvider<ConsentStore> store,
                ObjectProvider<java.time.Clock> clock) {
            return new ConsentOutboxHealthIndicator(outboxOf(store), clock.getIfAvailable(java.time.Clock::systemUTC));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static final class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ConsentActuatorEndpoint consentActuatorEndpoint(ObjectProvider<ConsentManager> consents,
                ObjectProvider<ConsentFilter> filter, ObjectProvider<ConsentEndpoints> endpoints) {
            return new ConsentActuatorEndpoint(consents.getObject(), filter.getIfAvailable(), endpoints.getIfAvailable());
        }
    }

    private static dev.consent4j.outbox.OutboxStore outboxOf(ObjectProvider<ConsentStore> store) {
        // getObject, not getIfUnique: a null outbox would only fail later, in every health check and metric.
        ConsentStore found = store.getObject();
        return found.outbox().orElseThrow(() -> new IllegalStateException(
                "consent.outbox.enabled is set, but the consent store " + found.getClass().getSimpleName() + " keeps no outbox"));
    }
}
