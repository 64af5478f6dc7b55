package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.OutboxDispatcher;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxSink;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.spring.actuate.ConsentOutboxHealthIndicator;
import dev.consent4j.store.ConsentStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class ConsentOutboxAutoConfigurationTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsentStoreAutoConfiguration.class, ConsentAutoConfiguration.class,
                    ConsentWebAutoConfiguration.class, ConsentActuatorAutoConfiguration.class,
                    ConsentOutboxAutoConfiguration.class));

    private WebApplicationContextRunner onH2(String name) {
        return runner.withConfiguration(AutoConfigurations.of(
                        org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /** An in-process listener, as a shop would declare one. */
    static final class Recorded implements OutboxSink {
        final List<OutboxMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(OutboxMessage message) {
            messages.add(message);
        }
    }

    @Test
    void withoutTheOutboxPropertyThereIsNoDispatcherAndTheStoreKeepsNoOutbox() {
        onH2("no-outbox").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OutboxDispatcher.class)
                    .doesNotHaveBean(ConsentOutboxHealthIndicator.class);
            assertThat(context.getBean(ConsentStore.class).outbox()).isEmpty();
        });
    }

    @Test
    void onH2TheOutboxTableIsCreatedAndTheDispatcherDeliversAWithdrawalToASinkBeanCountedAndShownInHealth() {
        onH2("outbox").withPropertyValues("consent.outbox.enabled=true", "consent.outbox.idle-wait=100ms")
                .withBean(Recorded.class, Recorded::new)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OutboxDispatcher.class);
                    ConsentManager consents = context.getBean(ConsentManager.class);
                    SubjectId alice = SubjectId.customer("alice");
                    consents.record(ChoiceRequest.of(alice, Topic.category("advertising"), Action.GRANT, Source.API, Jurisdiction.JP));
                    consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.API, Jurisdiction.JP));
                    consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.WITHDRAW, Source.API, Jurisdiction.JP));

                    Recorded recorded = context.getBean(Recorded.class);
                    await().atMost(Duration.ofSeconds(30)).until(() -> recorded.messages.size() == 3);
                    assertThat(recorded.messages.get(2).entry().changes())
                            .anySatisfy(change -> {
                                assertThat(change.topic()).isEqualTo(Topic.purpose("targeted-ads"));
                                assertThat(change.revoked()).isTrue();
                            });
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("consent.outbox.delivered").counter().count()).isEqualTo(3);
                    assertThat(registry.get("consent.outbox.pending").gauge().value()).isZero();
                    assertThat(registry.get("consent.outbox.lag").gauge().value()).isZero();
                    var health = context.getBean(ConsentOutboxHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("pending", 0L).containsEntry("deadLetters", 0L)
                            .containsEntry("lagSeconds", 0L);
                });
    }

    @Test
    void eachConfiguredWebhookBecomesASignedSinkAndAnHttpUrlElsewhereStopsTheStart() {
        WebApplicationContextRunner withMemory = runner.withPropertyValues("consent.store.type=memory", "consent.outbox.enabled=true",
                "consent.outbox.dispatch=true");
        withMemory.withPropertyValues("consent.outbox.webhooks.ad-network.url=http://127.0.0.1:9/consent",
                "consent.outbox.webhooks.ad-network.allow-plain-http-to-loopback=true",
                "consent.outbox.webhooks.ad-network.keys[0].id=w1", "consent.outbox.webhooks.ad-network.keys[0].secret=" + SECRET)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OutboxDispatcher.class);
                    assertThat(context.getBean(ConsentStore.class).outbox()).isPresent();
                });
        withMemory.withPropertyValues("consent.outbox.webhooks.ad-network.url=http://ads.example/consent",
                "consent.outbox.webhooks.ad-network.keys[0].id=w1", "consent.outbox.webhooks.ad-network.keys[0].secret=" + SECRET)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("must use https"));
        withMemory.withPropertyValues("consent.outbox.webhooks.ad-network.url=https://ads.example/consent")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("consent.outbox.webhooks.ad-network.keys"));
        withMemory.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("nowhere to deliver"));
    }

    @Test
    void whenTheUserDefinesTheirOwnDispatcherThenTheAutoConfiguredDispatcherBacksOff() {
        runner.withPropertyValues("consent.store.type=memory", "consent.outbox.enabled=true")
                .withBean("ownDispatcher", OutboxDispatcher.class, () -> OutboxDispatcher.builder(
                        new dev.consent4j.store.memory.InMemoryConsentStore(dev.consent4j.outbox.DecisionChanges.of(
                                dev.consent4j.policy.load.PolicyLoader.loadResource("consent-policy.yaml", getClass().getClassLoader()),
                                dev.consent4j.state.ConsentSettings.defaults(), java.time.Clock.systemUTC()))
                                .outbox().orElseThrow()).sink(message -> { }).build())
                .run(context -> assertThat(context).hasNotFailed().getBeanNames(OutboxDispatcher.class).containsExactly("ownDispatcher"));
    }

    @Test
    void aWebhookForARecipientHearsOnlyTheWithdrawalsOfItsPurposesAndTheLedgerRecordsThem() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            runner.withPropertyValues("consent.store.type=memory", "consent.outbox.enabled=true", "consent.outbox.idle-wait=100ms",
                    "consent.outbox.webhooks.ads.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/",
                    "consent.outbox.webhooks.ads.allow-plain-http-to-loopback=true",
                    "consent.outbox.webhooks.ads.recipient=ad-network",
                    "consent.outbox.webhooks.ads.keys[0].id=w1", "consent.outbox.webhooks.ads.keys[0].secret=" + SECRET)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        ConsentManager consents = context.getBean(ConsentManager.class);
                        SubjectId alice = SubjectId.customer("alice");
                        consents.record(ChoiceRequest.of(alice, Topic.category("advertising"), Action.GRANT, Source.API, Jurisdiction.JP));
                        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.API, Jurisdiction.JP));
                        consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.WITHDRAW, Source.API, Jurisdiction.JP));

                        dev.consent4j.provision.ProvisionStore ledger = context.getBean(dev.consent4j.provision.ProvisionStore.class);
                        await().atMost(Duration.ofSeconds(30)).until(() -> !ledger.notificationsAbout(alice).isEmpty());
                        assertThat(bodies).singleElement().satisfies(body -> assertThat(body)
                                .contains("\"reason\":\"WITHDRAWN\"").doesNotContain("category:advertising"));
                        assertThat(ledger.notificationsAbout(alice)).singleElement()
                                .satisfies(n -> assertThat(n.recipient()).isEqualTo("ad-network"));
                    });
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void onPostgresqlTheCachesNotificationWakesTheDispatcherAtOnce() throws Exception {
        javax.sql.DataSource postgres = dev.consent4j.testing.TestDatabases.fromEnvironment(dev.consent4j.testing.TestDatabases.POSTGRES);
        try (java.sql.Connection connection = postgres.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            for (String table : List.of("outbox", "chain_head", "latest", "event")) {
                statement.execute("DROP TABLE IF EXISTS c4jobx_" + table);
            }
        }
        // An idle wait far longer than the test: only the notification of the append can wake the dispatcher.
        runner.withBean(javax.sql.DataSource.class, () -> postgres).withBean(Recorded.class, Recorded::new)
                .withPropertyValues("consent.store.jdbc.initialize-schema=always", "consent.store.jdbc.table-prefix=c4jobx_",
                        "consent.outbox.enabled=true", "consent.outbox.idle-wait=1h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Recorded recorded = context.getBean(Recorded.class);
                    ConsentManager consents = context.getBean(ConsentManager.class);
                    consents.record(ChoiceRequest.of(SubjectId.customer("alice"), Topic.category("advertising"), Action.GRANT,
                            Source.API, Jurisdiction.JP));
                    // The first may go out in the dispatcher's first poll at start; the second only on a wake-up.
                    await().atMost(Duration.ofSeconds(30)).until(() -> recorded.messages.size() == 1);
                    consents.record(ChoiceRequest.of(SubjectId.customer("alice"), Topic.category("advertising"), Action.WITHDRAW,
                            Source.API, Jurisdiction.JP));
                    await().atMost(Duration.ofSeconds(30)).until(() -> recorded.messages.size() == 2);
                });
    }

    @Test
    void aKafkaTopicMakesAKafkaSinkThatTheDispatcherDeliversTo() {
        runner.withPropertyValues("consent.store.type=memory", "consent.outbox.enabled=true",
                "consent.outbox.kafka.topic=consent-changes", "consent.outbox.kafka.producer.bootstrap.servers=127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(dev.consent4j.kafka.KafkaSink.class)
                            .hasSingleBean(OutboxDispatcher.class);
                    assertThat(context.getBean(dev.consent4j.kafka.KafkaSink.class).name()).isEqualTo("kafka:consent-changes");
                });
        runner.withPropertyValues("consent.store.type=memory", "consent.outbox.enabled=true", "consent.outbox.kafka.topic=t")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("bootstrap.servers"));
    }
}
