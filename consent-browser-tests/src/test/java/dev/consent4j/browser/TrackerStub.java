package dev.consent4j.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Stand-in "third-party" trackers on their own port of 127.0.0.1, counting every request they
 * receive by path. {@code /analytics.js} plays a Google-style analytics tag: it writes a
 * first-party cookie and a localStorage key, sends a pixel and runs a gtag {@code config};
 * {@code /ads.js} plays an advertising tag.
 */
final class TrackerStub implements AutoCloseable {

    private static final String ANALYTICS = """
            (function () {
              window.dataLayer = window.dataLayer || [];
              function gtag() { dataLayer.push(arguments); }
              gtag('js', new Date());
              gtag('config', 'G-STUB');
              document.cookie = '_stub_ga=GA1.1.42; path=/; max-age=3600';
              localStorage.setItem('stub_analytics_id', '42');
              (window.stubRuns = window.stubRuns || []).push('analytics');
              new Image().src = '%1$s/collect?tid=G-STUB';
            })();
            """;

    private static final String ADS = """
            (function () {
              document.cookie = '_stub_ads=1; path=/; max-age=3600';
              (window.stubRuns = window.stubRuns || []).push('ads');
              new Image().src = '%1$s/ads-pixel';
            })();
            """;

    /** A 1×1 transparent GIF. */
    private static final byte[] PIXEL = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    TrackerStub() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                switch (path) {
                    case "/analytics.js" -> send(response, callback, "text/javascript", ANALYTICS.formatted(origin()).getBytes(UTF_8));
                    case "/ads.js" -> send(response, callback, "text/javascript", ADS.formatted(origin()).getBytes(UTF_8));
                    default -> send(response, callback, "image/gif", PIXEL);
                }
                return true;
            }
        });
        server.start();
    }

    private static void send(Response response, Callback callback, String type, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    String origin() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** Requests to {@code path} since the last {@link #reset()}. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<String, AtomicInteger> all() {
        return hits;
    }

    void reset() {
        hits.clear();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
