package dev.consent4j.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The shop under test on embedded Jetty: the real consent filter in front of everything, the
 * consent endpoints under {@code /consent} (a shopper in Germany, so non-necessary categories
 * are opt-in, unless a {@code where} cookie names another country; see {@link VisitorSignals}), and pages
 * that load the banner, carry tracker tags as {@code type="text/plain"} scripts and run under a
 * strict Content-Security-Policy with a fresh nonce per response.
 */
final class ShopServer implements AutoCloseable {

    /** A first-party analytics cookie the server sets, HttpOnly, so only the server can expire it. */
    static final String SERVER_ANALYTICS_COOKIE = "_shop_fpa";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final TrackerStub trackers;
    private final SecureRandom random = new SecureRandom();
    private final ConsentManager consents;
    /** Signs one-click unsubscribe links for this shop. */
    final UnsubscribeTokens tokens;

    /** The headers a CDN would set from the visitor's address; the tests set them through a cookie. */
    static final String COUNTRY_HEADER = "X-Test-Country";
    static final String REGION_HEADER = "X-Test-Region";
    /** What the banner's requests reported as its outcome, in order. */
    final java.util.List<BannerOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

    ShopServer(TrackerStub trackers) throws Exception {
        this(trackers, PolicyLoader.loadResource("dev/consent4j/browser/browser-shop-policy.yaml",
                ShopServer.class.getClassLoader()), SigningKeys.of(SigningKey.generate("b1")), new InMemoryConsentStore());
    }

    /** A shop under {@code policy} with the given keys and store, so a test can move it to a new policy version. */
    ShopServer(TrackerStub trackers, Policy policy, SigningKeys keys, InMemoryConsentStore store) throws Exception {
        this.trackers = trackers;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        tokens = new UnsubscribeTokens(keys, Clock.systemUTC());
        consents = ConsentManager.builder(policy, store)
                .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.of("DE")).build())
                .build();
        ConsentFilter filter = ConsentFilter.builder(consents, keys)
                .jurisdictions(JurisdictionResolver.header(COUNTRY_HEADER, REGION_HEADER, Jurisdiction.of("DE")))
                .build();
        context.addFilter(new FilterHolder(new VisitorSignals()), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        context.addFilter(new FilterHolder(filter), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
        context.addServlet(new ServletHolder(ConsentEndpoints.builder(consents,
                tokens).listener(new dev.consent4j.servlet.EnforcementListener() {
                    @Override
                    public void bannerOutcome(BannerOutcome outcome) {
                        outcomes.add(outcome);
                    }
                }).build()), "/consent/*");
        context.addServlet(new ServletHolder(new PageServlet()), "/");
        server.setHandler(context);
        server.start();
    }

    /** Cookies the browser may hold without consent: the necessary category's. */
    java.util.Set<String> necessaryCookieNames() {
        return java.util.Set.of("consent", "JSESSIONID");
    }

    /** The shop's decisions, to check what a page did. */
    ConsentManager consents() {
        return consents;
    }

    String origin() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    String url(String path) {
        return origin() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Stands in for what the tests cannot make a real browser send: a {@code where=US-CA} cookie
     * becomes the CDN's country and region headers, and a {@code gpc=1} cookie the {@code Sec-GPC: 1}
     * header a browser with Global Privacy Control sends.
     */
    private static final class VisitorSignals implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (jakarta.servlet.http.Cookie cookie : http.getCookies() == null ? new jakarta.servlet.http.Cookie[0]
                    : http.getCookies()) {
                if (cookie.getName().equals("where")) {
                    String[] parts = cookie.getValue().split("-", 2);
                    headers.put(COUNTRY_HEADER, parts[0]);
                    if (parts.length == 2) {
                        headers.put(REGION_HEADER, parts[1]);
                    }
                } else if (cookie.getName().equals("gpc") && cookie.getValue().equals("1")) {
                    headers.put("Sec-GPC", "1");
                }
            }
            chain.doFilter(headers.isEmpty() ? request : new jakarta.servlet.http.HttpServletRequestWrapper(http) {
                @Override
                public String getHeader(String name) {
                    for (java.util.Map.Entry<String, String> h : headers.entrySet()) {
                        if (h.getKey().equalsIgnoreCase(name)) {
                            return h.getValue();
                        }
                    }
                    return super.getHeader(name);
                }

                @Override
                public java.util.Enumeration<String> getHeaders(String name) {
                    String value = getHeader(name);
                    return value == null ? super.getHeaders(name) : java.util.Collections.enumeration(java.util.List.of(value));
                }
            }, response);
        }
    }

    private final class PageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            if (path.equals("/page.js")) {
                send(response, "text/javascript", PAGE_JS);
                return;
            }
            if (!path.equals("/") && !path.startsWith("/page")) {
                response.sendError(404);
                return;
            }
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String nonce = Base64.getEncoder().encodeToString(bytes);
            String lang = request.getParameter("lang") == null ? "en" : request.getParameter("lang");
            response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self' 'nonce-" + nonce
                    + "' " + trackers.origin() + "; style-src 'self'; img-src 'self' " + trackers.origin()
                    + "; connect-src 'self'; base-uri 'none'; form-action 'self'");
            response.setHeader("Cache-Control", "no-store");
            // Written on every page; the consent filter lets it through only with analytics consent.
            response.addHeader("Set-Cookie", SERVER_ANALYTICS_COOKIE + "=fp1; Path=/; HttpOnly; Max-Age=3600");
            send(response, "text/html; charset=utf-8", PAGE.formatted(lang, nonce, trackers.origin(), path));
        }
    }

    private static void send(HttpServletResponse response, String type, String body) throws IOException {
        response.setContentType(type);
        response.getOutputStream().write(body.getBytes(UTF_8));
    }

    /** Records what happens in the page: CSP violations, and the order in which tags ran. */
    private static final String PAGE_JS = """
            window.stubRuns = window.stubRuns || [];
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
            });
            """;

    private static final String PAGE = """
            <!doctype html>
            <html lang="%1$s">
            <head>
            <meta charset="utf-8">
            <title>Wagashi test shop</title>
            <script src="/page.js"></script>
            <script src="/consent/assets/consent.js" data-base="/consent" data-nonce="%2$s"></script>
            <link rel="stylesheet" href="/consent/assets/consent.css">
            <script type="text/plain" data-consent="analytics" src="%3$s/analytics.js"></script>
            <script type="text/plain" data-consent="analytics">window.stubRuns.push('inline-analytics');</script>
            </head>
            <body>
            <main id="content">
              <h1>Seasonal sweets</h1>
              <p>Page %4$s. Yokan, monaka and dorayaki, made by hand in Kyoto.</p>
              <p><a id="next" href="/page2">Next page</a></p>
              <button type="button" id="buy">Add to cart</button>
            </main>
            <footer><a id="privacy-choices" href="#" data-consent-open>Privacy choices</a>
              <span id="privacy-status" data-consent-status></span></footer>
            <script type="text/plain" data-consent="advertising" src="%3$s/ads.js"></script>
            </body>
            </html>
            """;
}
