package dev.consent4j.spring;

import dev.consent4j.ConsentManager;
import dev.consent4j.ConsentObserver;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.request.ErasureHandler;
import dev.consent4j.request.IdentityVerifier;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestDeadlines;
import dev.consent4j.request.RequestStore;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.guardian.GuardianLinks;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The policy, settings, signing keys and the {@link ConsentManager}. The policy is validated at
 * start: an invalid file stops the application with its problems listed (see
 * {@code PolicyValidationFailureAnalyzer}).
 */
@AutoConfiguration(after = ConsentStoreAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "consent.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsentProperties.class)
public final class ConsentAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Policy consentPolicy(ConsentProperties properties, ResourceLoader resources) {
        Resource resource = resources.getResource(properties.policyLocation());
        if (!resource.exists()) {
            throw new IllegalStateException("consent.policy-location points to " + properties.policyLocation()
                    + ", which does not exist; add the policy file there or set consent.policy-location");
        }
        try (InputStream in = resource.getInputStream()) {
            return PolicyLoader.load(properties.policyLocation(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + properties.policyLocation(), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentSettings consentSettings(ConsentProperties properties) {
        return ConsentSettings.builder()
                .gpcHonouredIn(properties.gpc().honouredIn())
                .maxAge(properties.maxAge())
                .carryOver(properties.carryOver())
                .defaultJurisdiction(Jurisdiction.of(properties.defaultJurisdiction()))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentManager consentManager(Policy policy, ConsentSettings settings, ObjectProvider<ConsentStore> stores,
            ObjectProvider<ConsentStoreDecorator> decorators, ObjectProvider<ConsentObserver> observers,
            ObjectProvider<Clock> clock, ConfigurableListableBeanFactory beans) {
        List<ConsentStore> found = stores.orderedStream().toList();
        if (found.size() != 1) {
            List<String> names = new ArrayList<>(List.of(beans.getBeanNamesForType(ConsentStore.class)));
            throw new NoConsentStoreException(found.isEmpty() ? List.of() : names);
        }
        ConsentStore store = found.get(0);
        for (ConsentStoreDecorator decorator : decorators.orderedStream().toList()) {
            store = decorator.decorate(store);
        }
        ConsentManager.Builder builder = ConsentManager.builder(policy, store)
                .settings(settings)
                .clock(clock.getIfAvailable(Clock::systemUTC));
        observers.orderedStream().forEach(builder::addObserver);
        return builder.build();
    }

    static SigningKey signingKey(ConsentProperties.Signing.Key key, String property) {
        if (key.id() == null || key.id().isBlank()) {
            throw new InvalidSigningKeyException(property + ".id", "is not set; every key needs an id, such as k1");
        }
        String secret = key.secret();
        if (secret == null || secret.isBlank()) {
            throw new InvalidSigningKeyException(property + ".secret", "is not set");
        }
        if (secret.contains("${")) {
            // Only the placeholder's name is quoted, never a value.
            String name = secret.substring(secret.indexOf("${") + 2).replaceAll("[}:].*", "");
            throw new InvalidSigningKeyException(property + ".secret", "refers to ${" + name + "}, which is not set");
        }
        try {
            return SigningKey.fromBase64(key.id(), secret);
        } catch (IllegalArgumentException e) {
            // SigningKey's messages name the key id and the length, never the secret.
            throw new InvalidSigningKeyException(property + ".secret", "is unusable (" + e.getMessage() + ")");
        }
    }

    @Bean
    @ConditionalOnMissingBean
    SigningKeys consentSigningKeys(ConsentProperties properties) {
        List<SigningKey> keys = new ArrayList<>();
        List<ConsentProperties.Signing.Key> configured = properties.signing().keys();
        for (int i = 0; i < configured.size(); i++) {
            keys.add(signingKey(configured.get(i), "consent.signing.keys[" + i + "]"));
        }
        if (keys.isEmpty()) {
            LOG.warn("consent.signing.keys is not set: using a random key, so consent cookies, unsubscribe and guardian links"
                    + " stop working at restart and are not accepted by other nodes; configure a key for production");
            keys.add(SigningKey.generate("random"));
        }
        return SigningKeys.of(keys);
    }

    @Bean
    @ConditionalOnMissingBean
    UnsubscribeTokens consentUnsubscribeTokens(SigningKeys keys, ConsentManager consents, ConsentProperties properties) {
        return new UnsubscribeTokens(keys, consents.clock(), properties.unsubscribe().validity());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "consent.unsubscribe.public-base-url")
    UnsubscribeLinks consentUnsubscribeLinks(UnsubscribeTokens tokens, ConsentProperties properties) {
        return new UnsubscribeLinks(tokens, properties.unsubscribe().publicBaseUrl(),
                properties.unsubscribe().mailto());
    }

    @Bean
    @ConditionalOnMissingBean
    GuardianConsentTokens consentGuardianTokens(SigningKeys keys, ConsentManager consents, ConsentProperties properties) {
        return new GuardianConsentTokens(keys, consents.clock(), properties.guardian().linkValidity());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "consent.guardian.public-base-url")
    GuardianLinks consentGuardianLinks(GuardianConsentTokens tokens, ConsentProperties properties) {
        return new GuardianLinks(tokens, properties.guardian().publicBaseUrl());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ProvisionStore.class)
    ProvisionGate consentProvisionGate(ConsentManager consents, ProvisionStore store, ConsentProperties properties) {
        return ProvisionGate.builder(consents, store).retention(properties.provision().retention()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RequestStore.class)
    PersonalRequests consentPersonalRequests(ConsentManager consents, RequestStore store,
            ObjectProvider<ProvisionStore> provisions, ObjectProvider<ErasureHandler> erasure,
            ObjectProvider<IdentityVerifier> verifier, ConsentProperties properties) {
        RequestDeadlines deadlines = RequestDeadlines.defaults();
        for (Map.Entry<String, Period> deadline : properties.requests().deadlines().entrySet()) {
            deadlines = deadlines.with(deadline.getKey(), deadline.getValue());
        }
        return PersonalRequests.builder(consents, store)
                .provisions(provisions.getIfAvailable())
                .erasure(erasure.getIfAvailable(() -> ErasureHandler.NONE))
                .identityVerifier(verifier.getIfAvailable(() -> IdentityVerifier.LOGIN))
                .deadlines(deadlines)
                .build();
    }
}
