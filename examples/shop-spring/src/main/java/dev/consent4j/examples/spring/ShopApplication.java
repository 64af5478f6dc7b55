package dev.consent4j.examples.spring;

import dev.consent4j.ConsentManager;
import dev.consent4j.examples.shop.StubTrackers;
import dev.consent4j.outbox.OutboxSink;
import dev.consent4j.outbox.RecipientSink;
import dev.consent4j.outbox.webhook.WebhookSink;
import dev.consent4j.policy.Policy;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import java.net.URI;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Tsukimi Kashiho (月見菓子舗), a fictional sweets shop, with consent4j added as one dependency. */
@SpringBootApplication
public class ShopApplication {

    private static final Logger LOG = LoggerFactory.getLogger(ShopApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    @Bean(destroyMethod = "close")
    StubTrackers stubTrackers(@Value("${shop.trackers.port}") int port) throws IOException {
        return new StubTrackers(port);
    }

    /**
     * The ad network hears the opt-outs, withdrawals and stop-provision requests about targeted ads
     * (its purpose in the policy) through a signed webhook; each notification goes in the ledger.
     * A real shop would set {@code consent.outbox.webhooks.sky-ads.*} instead; the stub's port is
     * only known once it has started.
     */
    @Bean
    OutboxSink skyAdsWebhook(StubTrackers trackers, Policy policy, ProvisionStore ledger, ConsentManager consents) {
        // For the demo only: a fixed key shared with the stub ad network. Generate your own.
        SigningKeys keys = SigningKeys.of(SigningKey.fromBase64("ads1", "c2t5LWFkcy13ZWJob29rLWtleS1vZi10aGUtZGVtby1zaG9w"));
        trackers.acceptConsentChanges(keys);
        WebhookSink webhook = WebhookSink.builder("sky-ads", URI.create(trackers.consentChangesEndpoint()), keys)
                .allowPlainHttpToLoopback(true).build();
        return RecipientSink.of(policy, "sky-ads", webhook, ledger, consents.clock());
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            StubTrackers trackers = event.getApplicationContext().getBean(StubTrackers.class);
            WebServer server = web.getWebServer();
            if (server != null) {
                LOG.info("Tsukimi Kashiho is open at http://localhost:{}/ (tracker hits: {}/hits)",
                        server.getPort(), trackers.origin());
            }
        }
    }
}
