package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.servlet.ConsentCookieSettings;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.ConsentFilter.UndeclaredCookieMode;
import dev.consent4j.state.ConsentSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The records bind through their constructors as the setters did: defaults, empty values, lists and maps of records. */
class ConsentPropertiesBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ConsentProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void withNothingSetEveryGroupExistsWithItsDefaults() {
        runner.run(context -> {
            ConsentProperties properties = context.getBean(ConsentProperties.class);
            assertThat(properties.enabled()).isTrue();
            assertThat(properties.policyLocation()).isEqualTo("classpath:consent-policy.yaml");
            assertThat(properties.basePath()).isEqualTo("/consent");
            assertThat(properties.maxAge()).isNull();
            assertThat(properties.defaultJurisdiction()).isEqualTo("ZZ");
            assertThat(properties.carryOver()).isEqualTo(ConsentSettings.CarryOver.RESTRICTIVE);
            assertThat(properties.undeclaredCookies()).isEqualTo(UndeclaredCookieMode.REPORT);
            assertThat(properties.jurisdiction().from()).isEqualTo("fixed");
            assertThat(properties.gpc().honouredIn()).containsExactly("US");
            assertThat(properties.cookie()).isEqualTo(new ConsentProperties.Cookie("consent", ConsentCookieSettings.Secure.AUTO));
            assertThat(properties.signing().keys()).isEmpty();
            assertThat(properties.csp()).isEqualTo(new ConsentProperties.Csp(CspMode.OFF, "default-src 'self'", true));
            assertThat(properties.guard().status()).isEqualTo(403);
            assertThat(properties.unsubscribe()).isEqualTo(new ConsentProperties.Unsubscribe(Duration.ofDays(365), null, null));
            assertThat(properties.guardian()).isEqualTo(new ConsentProperties.Guardian(Duration.ofDays(7), null, false));
            assertThat(properties.provision().retention()).isEqualTo(Period.ofYears(3));
            assertThat(properties.requests().deadlines()).isEmpty();
            assertThat(properties.pages().home()).isEqualTo("/");
            assertThat(properties.pages().themes()).isEmpty();
            assertThat(properties.store().type()).isEqualTo(ConsentProperties.Store.Type.AUTO);
            assertThat(properties.store().timeout()).isEqualTo(ConsentFilter.DEFAULT_STORE_TIMEOUT);
            assertThat(properties.store().jdbc()).isEqualTo(new ConsentProperties.Store.Jdbc(
                    ConsentProperties.Store.Jdbc.InitializeSchema.EMBEDDED, "consent_"));
            assertThat(properties.store().cache()).isEqualTo(
                    new ConsentProperties.Store.Cache(true, 10_000, Duration.ofSeconds(1), true, null, null));
            ConsentProperties.Outbox outbox = properties.outbox();
            assertThat(outbox.enabled()).isFalse();
            assertThat(outbox.dispatch()).isTrue();
            assertThat(outbox.batchSize()).isEqualTo(100);
            assertThat(outbox.maxPollTime()).isEqualTo(Duration.ofSeconds(10));
            assertThat(outbox.maxAttempts()).isEqualTo(12);
            assertThat(outbox.firstRetryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(outbox.maxRetryAfter()).isEqualTo(Duration.ofMinutes(15));
            assertThat(outbox.idleWait()).isEqualTo(Duration.ofSeconds(1));
            assertThat(outbox.webhooks()).isEmpty();
            assertThat(outbox.kafka()).isEqualTo(new ConsentProperties.Outbox.Kafka(null, java.util.Map.of(), Duration.ofSeconds(30)));
        });
    }

    @Test
    void setValuesEmptyValuesListsAndMapsOfRecordsBind() {
        runner.withPropertyValues("consent.gpc.honoured-in=", "consent.pages.home=", "consent.store.timeout=250ms",
                "consent.signing.keys[0].id=k2", "consent.signing.keys[0].secret=c2VjcmV0",
                "consent.outbox.webhooks.crm.url=https://crm.example/hook", "consent.outbox.webhooks.crm.keys[0].id=w1",
                "consent.outbox.webhooks.crm.keys[0].secret=d2ViaG9vaw==", "consent.outbox.kafka.producer.acks=1",
                "consent.requests.deadlines.JP=P7D").run(context -> {
                    ConsentProperties properties = context.getBean(ConsentProperties.class);
                    assertThat(properties.gpc().honouredIn()).isEmpty();
                    assertThat(properties.pages().home()).isEmpty();
                    assertThat(properties.store().timeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.signing().keys()).containsExactly(new ConsentProperties.Signing.Key("k2", "c2VjcmV0"));
                    assertThat(properties.signing().keys().get(0)).hasToString("Key[k2]");
                    ConsentProperties.Outbox.Webhook crm = properties.outbox().webhooks().get("crm");
                    assertThat(crm.url()).isEqualTo(URI.create("https://crm.example/hook"));
                    assertThat(crm.keys()).extracting(ConsentProperties.Signing.Key::id).containsExactly("w1");
                    assertThat(crm.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(crm.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(crm.allowPlainHttpToLoopback()).isFalse();
                    assertThat(properties.outbox().kafka().producer()).containsEntry("acks", "1");
                    assertThat(properties.requests().deadlines()).containsEntry("JP", Period.ofDays(7));
                });
    }
}
