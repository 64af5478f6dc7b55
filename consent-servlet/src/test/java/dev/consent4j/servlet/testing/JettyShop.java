package dev.consent4j.servlet.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 server on 127.0.0.1 with a random port, for tests that need the container's own
 * behaviour (commit, error pages, sessions). Requests carrying {@code X-Test-User} are given that
 * user as their principal, standing in for the shop's authentication.
 */
public final class JettyShop implements AutoCloseable {

    public static final String TEST_USER_HEADER = TestLogin.USER_HEADER;

    private final Server server = new Server();
    private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ServerConnector connector;
    private boolean trustForwarded;

    public JettyShop() {
        context.addFilter(new FilterHolder(new TestLogin()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** Maps the filter for REQUEST, ERROR and ASYNC dispatches, as the filter's documentation asks. */
    public JettyShop filter(Filter filter, String pathSpec) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pathSpec, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        return this;
    }

    public JettyShop servlet(Servlet servlet, String pathSpec) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, pathSpec);
        return this;
    }

    /** Renders error {@code status} with the servlet mapped at {@code path}. */
    public JettyShop errorPage(int status, String path) {
        ErrorPageErrorHandler errors = context.getErrorHandler() instanceof ErrorPageErrorHandler existing
                ? existing : new ErrorPageErrorHandler();
        errors.addErrorPage(status, path);
        context.setErrorHandler(errors);
        return this;
    }

    /** Deploys the context under {@code path} (e.g. {@code /shop}), as a WAR is; the root by default. */
    public JettyShop contextPath(String path) {
        context.setContextPath(path);
        return this;
    }

    /** Renames the container's session cookie, e.g. to one the policy does not declare. */
    public JettyShop sessionCookieName(String name) {
        context.getSessionHandler().getSessionCookieConfig().setName(name);
        return this;
    }

    /**
     * Takes the client address from {@code X-Forwarded-For}, as a shop behind a proxy configures its
     * container to; lets a test speak from many networks.
     */
    public JettyShop trustForwardedHeaders() {
        this.trustForwarded = true;
        return this;
    }

    public JettyShop start() throws Exception {
        if (trustForwarded) {
            org.eclipse.jetty.server.HttpConfiguration config = new org.eclipse.jetty.server.HttpConfiguration();
            config.addCustomizer(new org.eclipse.jetty.server.ForwardedRequestCustomizer());
            connector = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(config));
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    /** A GET with headers given as name, value pairs. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends on a connection of its own. For requests Jetty refuses before any servlet runs: it
     * closes the connection after answering, and a pooled client could otherwise send the next
     * request on that closing connection.
     */
    public HttpResponse<String> sendAlone(HttpRequest request) throws IOException, InterruptedException {
        HttpClient alone = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return alone.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET written byte for byte on a socket, for header values {@link HttpClient} refuses to send
     * (non-ASCII, control characters). Answers the status line and headers, then the body.
     */
    public String rawGet(String path, String... headerLines) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", connector.getLocalPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Every {@code Set-Cookie} header of a response. */
    public static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    /** The names of the cookies a response sets (not those it expires). */
    public static List<String> cookiesSet(HttpResponse<?> response) {
        return setCookies(response).stream().filter(h -> !h.contains("Max-Age=0"))
                .map(h -> h.substring(0, h.indexOf('='))).toList();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
