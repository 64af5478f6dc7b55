package dev.consent4j.examples.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Stand-ins for an analytics service and an ad network, on a second port of 127.0.0.1 so the
 * browser treats them as third parties. They count every request, so {@code /hits} shows whether
 * a shopper's choice kept them from being contacted.
 */
public final class StubTrackers implements AutoCloseable {

    private static final String ANALYTICS_JS = """
            window.stubRuns = (window.stubRuns || []).concat('analytics');
            document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=31536000';
            new Image().src = '%s/collect?page=' + encodeURIComponent(location.pathname);
            """;
    private static final String ADS_JS = """
            window.stubRuns = (window.stubRuns || []).concat('ads');
            document.cookie = '_skyid=' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=7776000';
            new Image().src = '%s/pixel?page=' + encodeURIComponent(location.pathname);
            """;

    private final HttpServer server;
    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
    private final Map<String, String> consentChanges = new java.util.LinkedHashMap<>();
    private volatile dev.consent4j.outbox.webhook.@Nullable WebhookSignature webhookKeys;

    /** Starts on 127.0.0.1 at {@code port} (0 for any free port). */
    public StubTrackers(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "stub-trackers");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where the stubs are, e.g. {@code http://127.0.0.1:8081}. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Lets the stub ad network take consent changes at {@code /consent-changes}, as the shop's
     * outbox webhook posts them, checking their signature with {@code keys}.
     */
    public void acceptConsentChanges(dev.consent4j.signing.SigningKeys keys) {
        webhookKeys = new dev.consent4j.outbox.webhook.WebhookSignature(keys);
    }

    /** Where the ad network takes consent changes. */
    public String consentChangesEndpoint() {
        return origin() + "/consent-changes";
    }

    /** The consent changes the stub ad network took, body by idempotency key, once each. */
    public synchronized Map<String, String> consentChanges() {
        return new java.util.LinkedHashMap<>(consentChanges);
    }

    private void consentChange(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        dev.consent4j.outbox.webhook.WebhookSignature keys = webhookKeys;
        var headers = exchange.getRequestHeaders();
        boolean genuine = keys != null && "POST".equals(exchange.getRequestMethod())
                && keys.verify(headers.getFirst(dev.consent4j.outbox.webhook.WebhookSignature.SIGNATURE),
                        headers.getFirst(dev.consent4j.outbox.webhook.WebhookSignature.TIMESTAMP), body,
                        java.time.Instant.now(), java.time.Duration.ofMinutes(5));
        if (genuine) {
            synchronized (this) {
                // A message delivered again has the same key: taken once.
                consentChanges.putIfAbsent(headers.getFirst(dev.consent4j.outbox.webhook.WebhookSignature.IDEMPOTENCY_KEY),
                        new String(body, StandardCharsets.UTF_8));
            }
        }
        exchange.sendResponseHeaders(genuine ? 204 : 401, -1);
        exchange.close();
    }

    /** Requests seen per path. */
    public Map<String, Long> hits() {
        Map<String, Long> copy = new TreeMap<>();
        hits.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    public long hits(String path) {
        AtomicLong count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        // The outbox webhook is the shop's server telling the ad network, not a browser loading a tracker.
        if (!path.equals("/hits") && !path.equals("/consent-changes")) {
            hits.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        }
        switch (path) {
            case "/analytics.js" -> send(exchange, "text/javascript", ANALYTICS_JS.formatted(origin()));
            case "/ads.js" -> send(exchange, "text/javascript", ADS_JS.formatted(origin()));
            case "/collect", "/pixel" -> send(exchange, "image/gif", "");
            case "/consent-changes" -> consentChange(exchange);
            case "/hits" -> {
                StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Tracker hits</title></head><body><h1>Requests the stub trackers received</h1><table>");
                hits().forEach((p, n) -> page.append("<tr><td>").append(p).append("</td><td>").append(n).append("</td></tr>"));
                send(exchange, "text/html; charset=utf-8", page.append("</table></body></html>").toString());
            }
            default -> {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            }
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
