package dev.consent4j.outbox;

import dev.consent4j.outbox.webhook.WebhookSignature;
import dev.consent4j.signing.SigningKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A webhook receiver on Jetty, as a downstream system would write one: it checks the signature,
 * de-duplicates by idempotency key, and keeps what it accepted in the order it came per subject.
 * A script decides, per request number (1, 2, …), whether it answers 503, takes the message but
 * answers only after the sender has given up (a timeout), or answers 200.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What the receiver does with one request. */
    public enum Mode {
        OK, FAIL, STALL
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final WebhookSignature signature;
    private final IntFunction<Mode> script;
    private final Server server;
    private final ServerConnector connector;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger forged = new AtomicInteger();
    private final Set<String> concurrent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger overlapping = new AtomicInteger();
    private final Map<String, String> accepted = new LinkedHashMap<>();
    private final Map<String, List<Long>> bySubject = new LinkedHashMap<>();

    public WebhookReceiver(SigningKeys keys, IntFunction<Mode> script) throws Exception {
        this.signature = new WebhookSignature(keys);
        this.script = script;
        this.server = new Server();
        this.connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                response.setStatus(receive(request));
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/consent-changes");
    }

    private int receive(Request request) throws Exception {
        int number = requests.incrementAndGet();
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String key = request.getHeaders().get(WebhookSignature.IDEMPOTENCY_KEY);
        if (!signature.verify(request.getHeaders().get(WebhookSignature.SIGNATURE),
                request.getHeaders().get(WebhookSignature.TIMESTAMP), body, Instant.now(), Duration.ofMinutes(5))) {
            forged.incrementAndGet();
            return 401;
        }
        Mode mode = script.apply(number);
        if (mode == Mode.FAIL) {
            return 503;
        }
        if (!concurrent.add(key)) {
            overlapping.incrementAndGet();
        }
        try {
            OutboxEntry entry = OutboxJson.readEntry(text);
            long position = JSON.readTree(text).path("position").asLong();
            synchronized (this) {
                if (accepted.containsKey(key)) {
                    duplicates.incrementAndGet();
                } else {
                    accepted.put(key, entry.subject().toString());
                    bySubject.computeIfAbsent(entry.subject().toString(), s -> new ArrayList<>()).add(position);
                }
            }
            if (mode == Mode.STALL) {
                // Taken, but answered only after the sender's timeout: it will send the message again.
                released.await(20, TimeUnit.SECONDS);
            }
            return 200;
        } finally {
            concurrent.remove(key);
        }
    }

    public int requests() {
        return requests.get();
    }

    public int duplicates() {
        return duplicates.get();
    }

    public int forged() {
        return forged.get();
    }

    /** Requests for a key that arrived while another request for the same key was being handled. */
    public int overlapping() {
        return overlapping.get();
    }

    public synchronized Set<String> acceptedKeys() {
        return new LinkedHashSet<>(accepted.keySet());
    }

    /** Per subject, the outbox positions in the order they were first accepted. */
    public synchronized Map<String, List<Long>> positionsBySubject() {
        Map<String, List<Long>> copy = new LinkedHashMap<>();
        bySubject.forEach((subject, positions) -> copy.put(subject, List.copyOf(positions)));
        return copy;
    }

    @Override
    public void close() throws Exception {
        released.countDown();
        server.stop();
    }
}
