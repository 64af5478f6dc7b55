package dev.consent4j.outbox;

import dev.consent4j.outbox.webhook.WebhookSink;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The dispatching JVM that {@link DispatcherCrashTest} kills: a dispatcher over the outbox at
 * {@code args[0]} (JDBC URL) with table prefix {@code args[1]}, posting to the webhook {@code args[2]},
 * until it is killed.
 */
public final class DispatchingChild {

    private DispatchingChild() {
    }

    static SigningKeys keys() {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7 + 3);
        }
        return SigningKeys.of(SigningKey.of("crash", secret));
    }

    public static void main(String[] args) throws Exception {
        JdbcConsentStore store = JdbcConsentStore.builder(TestDatabases.at(args[0])).tablePrefix(args[1])
                .outbox(OutboxFixtures.changes(Clock.systemUTC())).build();
        OutboxDispatcher dispatcher = OutboxDispatcher.builder(store.outbox().orElseThrow()).batchSize(10)
                .sink(WebhookSink.builder("receiver", URI.create(args[2]), keys()).allowPlainHttpToLoopback(true).build())
                .build();
        dispatcher.start();
        new CountDownLatch(1).await();
    }
}
