package dev.consent4j.test.scan;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Third-party tags on a port of 127.0.0.1, reached under other names (the scanner maps them to
 * 127.0.0.1): {@code /m.js} an analytics tag writing {@code _ga} for 400 days, {@code /ads.js} an
 * advertising tag writing {@code _fbp}, {@code /u.js} an undeclared tag writing {@code u_track}
 * and the localStorage key {@code u_id}. Remembers which host names were asked for.
 */
public final class TagServer implements AutoCloseable {

    private static final Map<String, String> SCRIPTS = Map.of(
            "/m.js", "document.cookie = '_ga=GA1.1.7; path=/; max-age=34560000';",
            "/ads.js", "document.cookie = '_fbp=fb.1.7; path=/; max-age=7776000';",
            "/u.js", "document.cookie = 'u_track=1; path=/; max-age=86400'; localStorage.setItem('u_id', '7');");

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    public TagServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                asked.add(Request.getServerName(request) + Request.getPathInContext(request));
                String script = SCRIPTS.getOrDefault(Request.getPathInContext(request), "");
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/javascript");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(script.getBytes(UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code host/path} of every request so far. */
    public Set<String> asked() {
        return Set.copyOf(asked);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
