package dev.consent4j.spring;

import dev.consent4j.outbox.OutboxDispatcher;
import dev.consent4j.outbox.OutboxSink;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.outbox.RecipientSink;
import dev.consent4j.policy.Policy;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.outbox.webhook.WebhookSink;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.ConsentStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Bean;

/**
 * The outbox dispatcher, when {@code consent.outbox.enabled} (and {@code consent.outbox.dispatch},
 * on by default): it delivers to a signed webhook per {@code consent.outbox.webhooks.<name>} and to
 * every {@link OutboxSink} bean (in-process listeners), and starts and stops with the context. On
 * PostgreSQL with the listening cache, each append's notification wakes it.
 */
@AutoConfiguration(after = {ConsentStoreAutoConfiguration.class, ConsentActuatorAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "consent.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("consent.outbox.enabled")
public final class ConsentOutboxAutoConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "consent.outbox.dispatch", matchIfMissing = true)
    OutboxDispatcher consentOutboxDispatcher(ObjectProvider<ConsentStore> stores, ConsentProperties properties,
            ObjectProvider<OutboxSink> sinks, ObjectProvider<OutboxDispatcher.Listener> listener, ObjectProvider<Clock> clock,
            ObjectProvider<Policy> policy, ObjectProvider<ProvisionStore> ledger) {
        ConsentStore store = stores.getIfUnique();
        OutboxStore outbox = store == null ? null : store.outbox().orElse(null);
        if (outbox == null) {
            throw new IllegalStateException("consent.outbox.enabled is set, but the consent store "
                    + (store == null ? "is not unique" : store.getClass().getSimpleName() + " keeps no outbox")
                    + "; build your own store with an outbox (DecisionChanges), or unset consent.outbox.enabled");
        }
        ConsentProperties.Outbox settings = properties.outbox();
        OutboxDispatcher.Builder builder = OutboxDispatcher.builder(outbox)
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .batchSize(settings.batchSize())
                .maxPollTime(settings.maxPollTime())
                .maxAttempts(settings.maxAttempts())
                .firstRetryAfter(settings.firstRetryAfter())
                .maxRetryAfter(settings.maxRetryAfter())
                .idleWait(settings.idleWait());
        listener.ifAvailable(builder::listener);
        for (Map.Entry<String, ConsentProperties.Outbox.Webhook> webhook : settings.webhooks().entrySet()) {
            WebhookSink sink = webhook(webhook.getKey(), webhook.getValue());
            String recipient = webhook.getValue().recipient();
            builder.sink(recipient == null || recipient.isBlank() ? sink
                    : RecipientSink.of(policy.getObject(), recipient, sink, ledger.getIfUnique(), clock.getIfAvailable(Clock::systemUTC)));
        }
        sinks.orderedStream().forEach(builder::sink);
        if (settings.webhooks().isEmpty() && sinks.stream().findAny().isEmpty()) {
            throw new IllegalStateException("consent.outbox.enabled is set, but there is nowhere to deliver:"
                    + " configure consent.outbox.webhooks.<name>.url, or define an OutboxSink bean");
        }
        OutboxDispatcher dispatcher = builder.build();
        if (store instanceof ConsentStoreAutoConfiguration.ListeningConsentStore listening) {
            listening.alsoOnNotify(dispatcher::wake);
        }
        return dispatcher;
    }

    /** A Kafka sink when {@code consent.outbox.kafka.topic} is set and consent-kafka is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.consent4j.kafka.KafkaSink")
    @ConditionalOnProperty("consent.outbox.kafka.topic")
    static final class KafkaConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        dev.consent4j.kafka.KafkaSink consentKafkaSink(ConsentProperties properties) {
            ConsentProperties.Outbox.Kafka kafka = properties.outbox().kafka();
            return dev.consent4j.kafka.KafkaSink.builder(kafka.topic(), new java.util.HashMap<>(kafka.producer()))
                    .sendTimeout(kafka.sendTimeout()).build();
        }
    }

    private static WebhookSink webhook(String name, ConsentProperties.Outbox.Webhook settings) {
        String property = "consent.outbox.webhooks." + name;
        if (settings.url() == null) {
            throw new IllegalStateException(property + ".url is not set");
        }
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < settings.keys().size(); i++) {
            keys.add(ConsentAutoConfiguration.signingKey(settings.keys().get(i), property + ".keys[" + i + "]"));
        }
        if (keys.isEmpty()) {
            throw new InvalidSigningKeyException(property + ".keys", "is empty; the receiver needs a shared key to verify the signature");
        }
        return WebhookSink.builder(name, settings.url(), SigningKeys.of(keys))
                .connectTimeout(settings.connectTimeout())
                .requestTimeout(settings.requestTimeout())
                .allowPlainHttpToLoopback(settings.allowPlainHttpToLoopback())
                .build();
    }
}
