package dev.consent4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.test.scan.Seen;
import dev.consent4j.test.scan.TagServer;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanner in a real Chromium against consent-servlet's filter, endpoints and banner on Jetty,
 * in Japan (analytics opt-out, advertising opt-in), with tags served under declared
 * ({@code metrics.example}, {@code ads.example}) and undeclared ({@code unlisted.test}) names.
 */
class ShopScannerIT {

    private static final Logger LOG = LoggerFactory.getLogger(ShopScannerIT.class);
    private static final ShopFixture FIXTURE = new ShopFixture();
    private static final ConsentTestKit KIT = ConsentTestKit.builder(ShopFixture.POLICY)
            .settings(FIXTURE.consents.settings())
            .build();

    private static String missingBrowser;
    private static TagServer tags;
    private static JettyShop shop;
    private static ScanReport report;

    @BeforeAll
    static void scanOnce() throws Exception {
        missingBrowser = ShopScanner.builder(KIT, URI.create("http://127.0.0.1/")).build().browserMissing().orElse(null);
        if (missingBrowser != null) {
            LOG.warn("browser tests skipped: {}", missingBrowser);
            return;
        }
        tags = new TagServer();
        shop = new JettyShop()
                .filter(FIXTURE.filter().build(), "/*")
                .servlet(ConsentEndpoints.builder(FIXTURE.consents, new UnsubscribeTokens(FIXTURE.keys, FIXTURE.clock)).build(),
                        "/consent/*")
                .servlet(new Pages(tags.port()), "/")
                .servlet(new HeadersSeen(), "/headers")
                .start();
        report = ShopScanner.builder(KIT, shop.uri("/"))
                .crawl(5, Duration.ofSeconds(40))
                .jurisdiction(Jurisdiction.JP)
                .mapHost("metrics.example", "127.0.0.1")
                .mapHost("ads.example", "127.0.0.1")
                .mapHost("unlisted.test", "127.0.0.1")
                .build()
                .scan();
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (tags != null) {
            tags.close();
        }
    }

    private static Seen.Pass pass(String name) {
        return report.passes().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> violations(String pass) {
        return report.violations().stream().filter(v -> v.pass().equals(pass)).map(Seen.Violation::message).toList();
    }

    @Test
    void crawlsSameOriginLinksInTheFirstPassAndVisitsTheSamePagesInTheOthers() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        // The fragment is dropped, the off-site link is not followed, and the banner's own link is.
        assertThat(pass("no choice").pages()).containsExactly(shop.uri("/").toString(), shop.uri("/second").toString(),
                shop.uri("/consent/disclosure?lang=en").toString());
        assertThat(pass("reject all").pages()).isEqualTo(pass("no choice").pages());
        assertThat(pass("accept all").pages()).isEqualTo(pass("no choice").pages());
    }

    @Test
    void theUndeclaredTagIsReportedInEveryPassWithItsCookieStorageKeyAndASuggestedDeclaration() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        for (String pass : List.of("no choice", "reject all", "accept all")) {
            assertThat(violations(pass)).anyMatch(m -> m.startsWith("the browser contacted host `unlisted.test` (no category:"))
                    .anyMatch(m -> m.startsWith("cookie `u_track` (no category:"))
                    .anyMatch(m -> m.startsWith("storage key `u_id` (no category:"));
        }
        assertThat(report.violations()).filteredOn(v -> v.item().equals("unlisted.test")).first()
                .satisfies(v -> assertThat(v.suggestion()).contains("hosts: [unlisted.test]").contains("category: <category>"));
        assertThat(report.violations()).filteredOn(v -> v.item().equals("u_id")).first()
                .satisfies(v -> assertThat(v.suggestion()).contains("{name: u_id, set-by: script, storage: local-storage}"));
        assertThatThrownBy(report::assertNoViolations).hasMessageContaining("unlisted.test")
                .hasMessageContaining("Suggested declarations:");
    }

    @Test
    void theBannerGatesTheDeclaredTagsSoTheyBreakNoPromiseBeforeOrAfterRefusal() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        // In Japan analytics is opt-out: its tag runs before any choice; advertising waits for consent.
        assertThat(pass("no choice").hosts()).extracting(Seen.Host::host).contains("metrics.example").doesNotContain("ads.example");
        assertThat(pass("reject all").hosts()).extracting(Seen.Host::host).doesNotContain("metrics.example", "ads.example");
        assertThat(pass("accept all").hosts()).extracting(Seen.Host::host).contains("metrics.example", "ads.example");
        assertThat(pass("accept all").cookies()).extracting(Seen.Cookie::name).contains("_ga", "_fbp", "consent");
        assertThat(report.violations()).noneMatch(v -> v.item().equals("ads.example") || v.item().equals("_fbp"));
    }

    @Test
    void aCookieKeptLongerThanTheConsentItRestsOnIsReportedAfterAcceptAllOnly() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        assertThat(violations("accept all")).anyMatch(m -> m.startsWith("cookie `_ga` (category analytics, basis opt-out in JP)"
                + " lives 399 days, longer than the P6M consent it rests on lasts"));
        // Before a choice the analytics cookie rests on the opt-out default, not on a grant.
        assertThat(violations("no choice")).noneMatch(m -> m.contains("`_ga`"));
    }

    @Test
    void writesTheJsonAndHtmlReports() throws IOException {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        Path html = report.write(Path.of("target", "consent-scan"));
        assertThat(Files.readString(html)).contains("broken promises of the policy").contains("unlisted.test")
                .doesNotContain("{{");
        assertThat(Files.readString(html.resolveSibling("consent-scan.json"))).contains("\"violations\"")
                .contains("\"kind\" : \"UNDECLARED_HOST\"");
    }

    @Test
    void theBrowserSendsTheVisitorsGpcSignalAndJurisdictionHeadersToTheShop() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        try (dev.consent4j.test.scan.Chromium browser = new dev.consent4j.test.scan.Chromium(
                System.getProperty("chrome.binary", dev.consent4j.test.scan.Chromium.DEFAULT_BINARY),
                System.getProperty("webdriver.chrome.driver", dev.consent4j.test.scan.Chromium.DEFAULT_DRIVER),
                Duration.ofSeconds(20), List.of())) {
            dev.consent4j.test.scan.PassRunner runner = new dev.consent4j.test.scan.PassRunner(browser.driver(),
                    host -> true, java.util.Set.of());
            runner.extraHeaders(java.util.Map.of("Sec-GPC", "1", "X-Country", "US", "X-Region", "CA"));
            runner.visit(List.of(shop.uri("/headers")), false, 1, java.time.Instant.now().plusSeconds(30));
        }
        assertThat(HeadersSeen.last.get()).isEqualTo("Sec-GPC=1 X-Country=US X-Region=CA");
    }

    /** Remembers the privacy headers of the last request. */
    static final class HeadersSeen extends HttpServlet {
        static final java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            last.set("Sec-GPC=" + request.getHeader("Sec-GPC") + " X-Country=" + request.getHeader("X-Country")
                    + " X-Region=" + request.getHeader("X-Region"));
            response.setContentType("text/plain");
            response.getWriter().write("seen");
        }
    }

    /** Two pages linking to each other and to the banner, with gated declared tags and one undeclared tag. */
    static final class Pages extends HttpServlet {
        private final int tagPort;

        Pages(int tagPort) {
            this.tagPort = tagPort;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!request.getRequestURI().equals("/") && !request.getRequestURI().equals("/second")) {
                response.sendError(404);
                return;
            }
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("""
                    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>scan me</title>
                    <script src="/consent/assets/consent.js" data-base="/consent"></script>
                    <link rel="stylesheet" href="/consent/assets/consent.css">
                    <script type="text/plain" data-consent="analytics" src="http://metrics.example:%1$d/m.js"></script>
                    <script type="text/plain" data-consent="advertising" src="http://ads.example:%1$d/ads.js"></script>
                    <script src="http://unlisted.test:%1$d/u.js"></script>
                    </head><body><a href="/">home</a> <a href="/second#top">second</a>
                    <a href="https://elsewhere.example/">off-site</a></body></html>
                    """.formatted(tagPort));
        }
    }
}
