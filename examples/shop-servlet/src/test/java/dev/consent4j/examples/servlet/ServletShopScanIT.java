package dev.consent4j.examples.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.test.ConsentTestKit;
import dev.consent4j.test.ScanReport;
import dev.consent4j.test.ShopScanner;
import dev.consent4j.test.scan.Seen;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop scans itself: consent-test's scanner drives Chromium through its pages with no choice,
 * after "reject all" and after "accept all" on its real banner. The shop as it is keeps every
 * promise of its policy; a test page that loads a tag from a host the policy does not declare
 * (a second Jetty, reached as {@code tags.unlisted.test}) does not.
 */
class ServletShopScanIT {

    private static final Logger LOG = LoggerFactory.getLogger(ServletShopScanIT.class);
    private static final String TEST_KEY = Base64.getEncoder()
            .encodeToString("a test key of thirty-two bytes!!".getBytes(UTF_8));
    private static final String UNLISTED = "tags.unlisted.test";
    private static final ConsentTestKit KIT = ConsentTestKit.builder(
            PolicyLoader.loadResource("consent-policy.yaml", ServletShopScanIT.class.getClassLoader())).build();

    private static String missingBrowser;
    private static Server tags;
    private static ServletShop shop;

    @BeforeAll
    static void start() throws Exception {
        missingBrowser = ShopScanner.builder(KIT, URI.create("http://127.0.0.1/")).build().browserMissing().orElse(null);
        if (missingBrowser != null) {
            LOG.warn("browser tests skipped: {}", missingBrowser);
            return;
        }
        tags = new Server();
        ServerConnector connector = new ServerConnector(tags);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        tags.addConnector(connector);
        tags.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/javascript");
                response.write(true, ByteBuffer.wrap("document.cookie = '_unl_id=42; path=/; max-age=86400';".getBytes(UTF_8)),
                        callback);
                return true;
            }
        });
        tags.start();
        String tag = "http://" + UNLISTED + ":" + connector.getLocalPort() + "/t.js";
        shop = ServletShop.start(0, 0, "jdbc:h2:mem:servlet-shop-scan;DB_CLOSE_DELAY=-1", TEST_KEY,
                context -> context.addServlet(new ServletHolder(new UndeclaredTagPage(tag)), "/test/undeclared-tag"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (tags != null) {
            tags.stop();
        }
    }

    @Test
    void theShopKeepsEveryPromiseOfItsPolicyBeforeAndAfterEachChoice() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        ScanReport report = ShopScanner.builder(KIT, shop.uri("/"))
                .crawl(3, Duration.ofSeconds(40))
                .jurisdiction(Jurisdiction.JP)
                .build()
                .scan();
        report.write(Path.of("target", "consent-scan", "shop"));

        report.assertNoViolations();
        // It saw what there was to see: analytics (opt-out in Japan) before any choice, advertising only after accept all.
        assertThat(report.passes()).hasSize(3).allSatisfy(p -> assertThat(p.pages()).hasSize(3));
        assertThat(cookies(report, "no choice")).contains("_ga").doesNotContain("_skyid");
        assertThat(cookies(report, "reject all")).doesNotContain("_ga", "_skyid");
        assertThat(cookies(report, "accept all")).contains("_ga", "_skyid");
    }

    @Test
    void aPageWithAnUndeclaredTagFailsTheScanNamingTheHostAndSuggestingItsDeclaration() {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        ScanReport report = ShopScanner.builder(KIT, shop.uri("/test/undeclared-tag"))
                .jurisdiction(Jurisdiction.JP)
                .mapHost(UNLISTED, "127.0.0.1")
                .build()
                .scan();
        report.write(Path.of("target", "consent-scan", "undeclared-tag"));

        assertThat(report.violations()).filteredOn(v -> v.item().equals(UNLISTED)).hasSize(3)
                .allSatisfy(v -> assertThat(v.suggestion()).contains("hosts: [" + UNLISTED + "]"));
        assertThat(report.violations()).filteredOn(v -> v.item().equals("_unl_id")).isNotEmpty();
        assertThatThrownBy(report::assertNoViolations)
                .hasMessageContaining("the browser contacted host `" + UNLISTED + "` (no category: no tracker or recipient of"
                        + " policy tsukimi-kashiho")
                .hasMessageContaining("cookie `_unl_id` (no category:")
                .hasMessageContaining("# to declare " + UNLISTED + ":\ntrackers:\n  - id: tags-unlisted-test");
    }

    private static java.util.List<String> cookies(ScanReport report, String pass) {
        return report.passes().stream().filter(p -> p.name().equals(pass)).findFirst().orElseThrow()
                .cookies().stream().map(Seen.Cookie::name).toList();
    }

    /** A page of the shop (banner included) that also loads a tag the policy does not declare. */
    static final class UndeclaredTagPage extends HttpServlet {
        private final String tag;

        UndeclaredTagPage(String tag) {
            this.tag = tag;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("""
                    <!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>test page</title>
                    <script src="/consent/assets/consent.js" data-base="/consent"></script>
                    <link rel="stylesheet" href="/consent/assets/consent.css">
                    <script src="%s"></script>
                    </head><body><main>新作の和菓子</main></body></html>
                    """.formatted(tag));
        }
    }
}
