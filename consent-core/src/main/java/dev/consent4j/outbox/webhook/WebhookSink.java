package dev.consent4j.outbox.webhook;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.Arguments;
import dev.consent4j.outbox.OutboxJson;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxSink;
import dev.consent4j.signing.SigningKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Posts each outbox message as JSON ({@link OutboxJson#message}) to one endpoint, signed with the
 * shop's keys ({@link WebhookSignature}) and carrying its idempotency key. A 2xx answer is a
 * delivery; anything else, a timeout or a connection failure is a failure the dispatcher retries.
 * Redirects are not followed.
 *
 * <pre>{@code
 * WebhookSink adNetwork = WebhookSink.builder("ad-network", URI.create("https://ads.example/consent"), keys)
 *         .requestTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * <p>Only {@code https} endpoints, unless {@link Builder#allowPlainHttpToLoopback} is set and the
 * endpoint is on this machine (tests, a local relay).
 */
public final class WebhookSink implements OutboxSink {

    private final String name;
    private final URI endpoint;
    private final WebhookSignature signature;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    private WebhookSink(Builder builder) {
        this.name = builder.name;
        this.endpoint = builder.endpoint;
        this.signature = new WebhookSignature(builder.keys);
        this.client = HttpClient.newBuilder().connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = builder.requestTimeout;
        this.clock = builder.clock;
    }

    /**
     * @param name     the endpoint's name in logs and metrics, e.g. the recipient's id
     * @param endpoint where to post
     * @param keys     the keys that sign (the newest) and that receivers hold to verify
     */
    public static Builder builder(String name, URI endpoint, SigningKeys keys) {
        return new Builder(name, endpoint, keys);
    }

    @Override
    public String name() {
        return name;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void deliver(OutboxMessage message) throws IOException, InterruptedException {
        byte[] body = OutboxJson.message(message).getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE, signature.sign(timestamp, body))
                .header(WebhookSignature.IDEMPOTENCY_KEY, message.key())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + name + " answered HTTP " + response.statusCode());
        }
    }

    @Override
    public String toString() {
        return "WebhookSink[" + name + " " + endpoint + "]";
    }

    /** Options of a {@link WebhookSink}. */
    public static final class Builder {
        private final String name;
        private final URI endpoint;
        private final SigningKeys keys;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean plainHttpToLoopback;
        private Clock clock = Clock.systemUTC();

        private Builder(String name, URI endpoint, SigningKeys keys) {
            this.name = Objects.requireNonNull(name, "name");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** How long connecting may take (default 3 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Arguments.positive("connectTimeout", connectTimeout);
            return this;
        }

        /** How long the whole request may take, answer included (default 10 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Arguments.positive("requestTimeout", requestTimeout);
            return this;
        }

        /** Allows {@code http} to an endpoint on this machine (127.0.0.0/8, ::1, localhost): tests and local relays. */
        public Builder allowPlainHttpToLoopback(boolean allow) {
            this.plainHttpToLoopback = allow;
            return this;
        }

        /** The clock of the signature's timestamp. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WebhookSink build() {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("webhook " + LogSafe.quote(name) + ": the endpoint must be an absolute"
                        + " https URL, but was " + LogSafe.quote(endpoint));
            }
            if (scheme.equals("http") && !(plainHttpToLoopback && loopback(endpoint.getHost()))) {
                throw new IllegalArgumentException("webhook " + LogSafe.quote(name) + ": the endpoint must use https, but was "
                        + LogSafe.quote(endpoint) + (plainHttpToLoopback ? " (plain http is allowed only to this machine)"
                                : " (allowPlainHttpToLoopback allows http to this machine, for tests)"));
            }
            return new WebhookSink(this);
        }

        private static boolean loopback(String host) {
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // a name would need a lookup, which may answer differently later
            }
            try {
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
