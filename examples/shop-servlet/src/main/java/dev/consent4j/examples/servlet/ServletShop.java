package dev.consent4j.examples.servlet;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.examples.shop.Catalogue;
import dev.consent4j.examples.shop.StubTrackers;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Signals;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Tsukimi Kashiho on plain Jakarta Servlet: embedded Jetty, consent4j's filter and endpoints, an
 * H2 file database, and no framework. Everything a shop needs to wire is in {@link #start}.
 *
 * <p>Run it with {@code mvn -q -pl examples/shop-servlet -am process-classes -Prun}; {@code PORT}
 * (default 8080) and {@code TRACKERS_PORT} (default 8081) move it, {@code CONSENT_KEY} (32 random
 * bytes, Base64) replaces the demo signing key.
 */
public final class ServletShop implements AutoCloseable {

    /** The demo key, so cookies survive restarts. A real shop keeps its key out of source control. */
    private static final String DEMO_KEY = "ZGVtby1rZXktb2YtdHN1a2ltaS1rYXNoaWhvLWRvLW5vdC11c2U=";
    private static final String PUBLIC_BASE = "https://tsukimi.example/consent";
    private static final List<String> CUSTOMERS = List.of("hanako", "taro", "c-1001", "c-1002");

    private final Server server;
    private final StubTrackers trackers;
    private final ConsentManager consents;

    private ServletShop(Server server, StubTrackers trackers, ConsentManager consents) {
        this.server = server;
        this.trackers = trackers;
        this.consents = consents;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        int trackersPort = Integer.parseInt(System.getenv().getOrDefault("TRACKERS_PORT", "8081"));
        String key = System.getenv().getOrDefault("CONSENT_KEY", DEMO_KEY);
        ServletShop shop = start(port, trackersPort, "jdbc:h2:file:./target/shop-servlet-db/shop", key);
        Runtime.getRuntime().addShutdownHook(new Thread(shop::close));
        System.out.println("Tsukimi Kashiho (plain servlet) is open at " + shop.uri("/")
                + " ; the operator page /operator logs in as operator/operator");
        shop.server.join();
    }

    /** Starts the shop on 127.0.0.1 ({@code port} 0 for any free one) over the given H2 database. */
    public static ServletShop start(int port, int trackersPort, String h2Url, String base64Key) throws Exception {
        return start(port, trackersPort, h2Url, base64Key, context -> { });
    }

    /**
     * As {@link #start(int, int, String, String)}, with {@code extra} adding servlets behind the
     * consent filter, e.g. a test page.
     */
    public static ServletShop start(int port, int trackersPort, String h2Url, String base64Key,
            java.util.function.Consumer<ServletContextHandler> extra) throws Exception {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", ServletShop.class.getClassLoader());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url);
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).build();
        store.initializeSchema();
        ConsentManager consents = ConsentManager.builder(policy, store).build();
        seedDemoCustomers(consents);

        SigningKeys keys = SigningKeys.of(SigningKey.fromBase64("demo1", base64Key));
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, Clock.systemUTC());
        UnsubscribeLinks links = new UnsubscribeLinks(tokens, URI.create(PUBLIC_BASE), null);
        ConsentFilter filter = ConsentFilter.builder(consents, keys)
                .jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
                .build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(consents, tokens).build();
        StubTrackers trackers = new StubTrackers(trackersPort);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        // REQUEST, ERROR and ASYNC: error pages and async responses are rewritten like any other.
        FilterHolder consentFilter = new FilterHolder(filter);
        consentFilter.setAsyncSupported(true);
        context.addFilter(consentFilter, "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        ServletHolder endpointServlet = new ServletHolder(endpoints);
        context.addServlet(endpointServlet, "/consent/*");
        context.addServlet(endpointServlet, "/.well-known/gpc.json");
        context.addServlet(new ServletHolder(new Pages(trackers)), "/");
        context.addServlet(new ServletHolder(new OperatorPage(consents, links)), "/operator");
        context.setSecurityHandler(operatorLogin());
        extra.accept(context);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return new ServletShop(server, trackers, consents);
    }

    public URI uri(String path) {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    public StubTrackers trackers() {
        return trackers;
    }

    public ConsentManager consents() {
        return consents;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the shop", e);
        } finally {
            trackers.close();
        }
    }

    /** BASIC login for {@code /operator}; a real shop plugs in its own staff accounts. */
    private static ConstraintSecurityHandler operatorLogin() {
        UserStore users = new UserStore();
        users.addUser("operator", Credential.getCredential("operator"), new String[] {"operator"});
        HashLoginService login = new HashLoginService("Tsukimi Kashiho operators");
        login.setUserStore(users);
        ConstraintMapping operatorOnly = new ConstraintMapping();
        operatorOnly.setPathSpec("/operator");
        operatorOnly.setConstraint(Constraint.from("operator"));
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        security.addConstraintMapping(operatorOnly);
        return security;
    }

    /** On the first start only: hanako and c-1001 subscribed to the newsletter when they signed up. */
    private static void seedDemoCustomers(ConsentManager consents) {
        SubjectId hanako = SubjectId.customer("hanako");
        if (!consents.history(hanako, Signals.of(Jurisdiction.JP)).events().isEmpty()) {
            return;
        }
        Evidence signUp = new Evidence(consents.policy().version(), "ja", "sign-up form", null);
        for (SubjectId customer : List.of(hanako, SubjectId.customer("c-1001"))) {
            consents.record(ChoiceRequest.of(customer, Map.of(Topic.contact("newsletter", "email"), Action.GRANT),
                    Source.ACCOUNT_PAGE, Jurisdiction.JP, signUp));
        }
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String language(HttpServletRequest request) {
        return "en".equals(request.getParameter("lang")) ? "en" : "ja";
    }

    /** Catalogue and product pages. The tracker tags stay inert until the banner allows their category. */
    static final class Pages extends HttpServlet {
        private final StubTrackers trackers;

        Pages(StubTrackers trackers) {
            this.trackers = trackers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            String lang = language(request);
            StringBuilder body = new StringBuilder();
            if (path.equals("/")) {
                // The shop's own analytics cookie, set by the server: sent only with consent.
                response.addHeader("Set-Cookie", "FPID=fp." + System.nanoTime() + "; Path=/; Max-Age=31536000; HttpOnly");
                body.append("<div class=\"products\">");
                for (Catalogue.Product product : Catalogue.products()) {
                    body.append("<div class=\"product\"><h2><a href=\"/products/").append(product.id())
                            .append("?lang=").append(lang).append("\">").append(html(product.name(lang)))
                            .append("</a></h2><p>¥").append(product.priceYen()).append("</p></div>");
                }
                body.append("</div>");
            } else if (path.startsWith("/products/")) {
                var product = Catalogue.product(path.substring("/products/".length()));
                if (product.isEmpty()) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                // A server-side conversion tag's cookie (advertising, opt-in): dropped by the filter without consent.
                response.addHeader("Set-Cookie", "_skyid=sky." + System.nanoTime() + "; Path=/; Max-Age=7776000");
                body.append("<h2>").append(html(product.get().name(lang))).append("</h2><p>")
                        .append(html(product.get().description(lang))).append("</p>");
                if (ConsentContext.state(request).allows("targeted-ads")) {
                    body.append("<p id=\"picked\">").append("ja".equals(lang) ? "おすすめ" : "Picked for you").append("</p>");
                }
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            page(response, lang, trackers.origin(), body.toString());
        }
    }

    /** The newsletter run: who may be e-mailed, and the unsubscribe headers each message carries. */
    static final class OperatorPage extends HttpServlet {
        private final ConsentManager consents;
        private final UnsubscribeLinks links;

        OperatorPage(ConsentManager consents, UnsubscribeLinks links) {
            this.consents = consents;
            this.links = links;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            List<SubjectId> customers = CUSTOMERS.stream().map(SubjectId::customer).toList();
            List<SubjectId> mayEmail = consents.audience(customers, "newsletter", "email", Jurisdiction.JP);
            String localBase = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
            StringBuilder body = new StringBuilder("<h2>Newsletter</h2><table><tr><th>customer</th><th>send</th>"
                    + "<th>List-Unsubscribe</th><th>List-Unsubscribe-Post</th><th>try it here</th></tr>");
            for (SubjectId customer : customers) {
                body.append("<tr><td>").append(html(customer.value())).append("</td>");
                if (mayEmail.contains(customer)) {
                    UnsubscribeLinks.Message message = links.forMessage(customer, "newsletter", "email");
                    String tryLink = localBase + URI.create(message.bodyLink()).getPath();
                    body.append("<td>send</td><td><code>").append(html(message.listUnsubscribe()))
                            .append("</code></td><td><code>").append(html(message.listUnsubscribePost()))
                            .append("</code></td><td><a href=\"").append(html(tryLink)).append("\">unsubscribe</a></td>");
                } else {
                    body.append("<td>skip</td><td></td><td></td><td></td>");
                }
                body.append("</tr>");
            }
            page(response, "en", null, body.append("</table>").toString());
        }
    }

    private static void page(HttpServletResponse response, String lang, @Nullable String trackers, String body)
            throws IOException {
        response.setContentType("text/html; charset=utf-8");
        String analytics = trackers == null ? ""
                : "<script type=\"text/plain\" data-consent=\"analytics\" src=\"" + trackers + "/analytics.js\"></script>";
        String ads = trackers == null ? ""
                : "<script type=\"text/plain\" data-consent=\"advertising\" src=\"" + trackers + "/ads.js\"></script>";
        String other = "ja".equals(lang) ? "en" : "ja";
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><title>月見菓子舗 Tsukimi Kashiho</title>
                <script src="/consent/assets/consent.js" data-base="/consent"></script>
                <link rel="stylesheet" href="/consent/assets/consent.css">
                %s
                </head><body>
                <header><h1><a href="/?lang=%s">月見菓子舗 <small>Tsukimi Kashiho</small></a></h1>
                <a href="?lang=%s">%s</a></header>
                <main>%s</main>
                <footer><a href="#" data-consent-open>%s</a> <span data-consent-status></span> <a href="/consent/disclosure?lang=%s">%s</a>
                <a href="%s/hits">Tracker hits (demo)</a> <a href="/operator">Operator (demo)</a>
                %s</footer>
                </body></html>
                """.formatted(lang, analytics, lang, other, "ja".equals(lang) ? "English" : "日本語", body,
                "ja".equals(lang) ? "プライバシー設定" : "Privacy choices", lang,
                "ja".equals(lang) ? "外部送信と第三者提供" : "What is sent to whom",
                trackers == null ? "" : trackers, ads));
    }
}
