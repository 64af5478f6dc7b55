package dev.consent4j.test;

import static dev.consent4j.test.ConsentAssertions.assertCspOpensOnlyConsentedHosts;
import static dev.consent4j.test.ConsentAssertions.assertKeepsConsent;
import static dev.consent4j.test.ConsentAssertions.assertLoadsOnlyConsentedHosts;
import static dev.consent4j.test.ConsentAssertions.assertSetsOnlyAllowedCookies;
import static dev.consent4j.test.ConsentAssertions.assertSetsOnlyDeclaredCookies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.servlet.testing.CookieSettingServlet;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit against consent-servlet's real filter on Jetty: {@code /shop/*} is behind the filter,
 * {@code /forgot/*} is a path the shop forgot to map it to, and {@code /page/*} serves pages whose
 * own CSP and HTML load third-party scripts.
 */
class ConsentAssertionsJettyTest {

    private static final ShopFixture FIXTURE = new ShopFixture();
    private static final ConsentTestKit KIT = ConsentTestKit.builder(ShopFixture.POLICY)
            .settings(FIXTURE.consents.settings())
            .signingKey(FIXTURE.key)
            .jurisdictionHeaders("X-Country", "X-Region")
            .clock(FIXTURE.clock)
            .build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static JettyShop shop;

    @BeforeAll
    static void start() throws Exception {
        ConsentFilter filter = FIXTURE.filter()
                .jurisdictions(JurisdictionResolver.header("X-Country", "X-Region", Jurisdiction.JP))
                .contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'")
                .build();
        shop = new JettyShop()
                .filter(filter, "/shop/*")
                .servlet(new CookieSettingServlet(), "/shop/*")
                .servlet(new CookieSettingServlet(), "/forgot/*")
                .servlet(new PageServlet(), "/page/*")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        shop.close();
    }

    private static ShopResponse get(String path, Visitor visitor) throws Exception {
        HttpResponse<String> response = CLIENT.send(visitor.request(shop.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return ShopResponse.of(response);
    }

    @Test
    void anUndeclaredCookieFailsTheDeclarationAssertionNamingTheCookie() throws Exception {
        ShopResponse response = get("/shop/set?name=tracking_id", KIT.firstVisit(Jurisdiction.JP));

        assertThat(response.setCookies()).anyMatch(h -> h.startsWith("tracking_id="));
        assertThatThrownBy(() -> assertSetsOnlyDeclaredCookies(response, KIT.firstVisit(Jurisdiction.JP)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cookie `tracking_id` (no category: policy servlet-test-shop 2026-11 declares no such cookie)"
                        + " was set for a first-time visitor in JP")
                .hasMessageContaining("- {name: tracking_id}");
        // It is declared nowhere, so it is no category's business: the other assertion passes.
        assertSetsOnlyAllowedCookies(response, KIT.firstVisit(Jurisdiction.JP));
    }

    @Test
    void anAdvertisingCookieSetBeforeConsentFailsNamingItsCategoryAndBasis() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.EU);
        ShopResponse response = get("/forgot/set?name=_fbp", visitor);

        assertThatThrownBy(() -> assertSetsOnlyAllowedCookies(response, visitor))
                .hasMessageContaining("cookie `_fbp` (category advertising, basis opt-in in EU) was set before consent,"
                        + " for a first-time visitor in EU");
        assertSetsOnlyDeclaredCookies(response, visitor);
    }

    @Test
    void theFilterDropsTheSameCookieSoTheSameAssertionPassesBehindIt() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.EU);
        ShopResponse response = get("/shop/set?name=_fbp&name=_ga", visitor);

        assertThat(response.setCookies()).noneMatch(h -> h.startsWith("_fbp=") || h.startsWith("_ga="));
        assertKeepsConsent(response, visitor);
    }

    @Test
    void afterAcceptAllTheFilterTrustsTheKitsCookieAndLetsTheCookiesAndHostsThrough() throws Exception {
        Visitor visitor = KIT.afterAcceptAll(Jurisdiction.EU);
        ShopResponse response = get("/shop/set?name=_fbp&name=_ga", visitor);

        // The filter read the kit's signed cookie as "accept all": it let both cookies through and opened the trackers.
        assertThat(response.setCookies()).anyMatch(h -> h.startsWith("_fbp=")).anyMatch(h -> h.startsWith("_ga="));
        assertThat(response.contentSecurityPolicy()).contains("ads.example").contains("metrics.example");
        assertKeepsConsent(response, visitor);
        assertCspOpensOnlyConsentedHosts(response, visitor);
    }

    @Test
    void afterRejectAllACookieSetPastTheFilterFailsSayingTheVisitorRefusedIt() throws Exception {
        Visitor visitor = KIT.afterRejectAll(Jurisdiction.EU);
        assertThat(get("/shop/set?name=_ga", visitor).setCookies()).noneMatch(h -> h.startsWith("_ga="));

        ShopResponse forgot = get("/forgot/set?name=_ga", visitor);
        assertThatThrownBy(() -> assertSetsOnlyAllowedCookies(forgot, visitor))
                .hasMessageContaining("cookie `_ga` (category analytics, basis opt-in in EU) was set after the visitor"
                        + " refused it, for a visitor in EU after reject all");
    }

    @Test
    void inJapanAnalyticsIsOptOutSoAFirstVisitMaySetItButNotAdvertising() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.JP);
        ShopResponse response = get("/forgot/set?name=_ga&name=_fbp", visitor);

        assertThatThrownBy(() -> assertSetsOnlyAllowedCookies(response, visitor))
                .hasMessageContaining("cookie `_fbp` (category advertising, basis opt-in in JP) was set before consent")
                .hasMessageNotContaining("`_ga`");
    }

    @Test
    void withGpcInCaliforniaTheAdvertisingCookieFailsNamingTheSignal() throws Exception {
        Visitor visitor = KIT.withGpc(Jurisdiction.of("US-CA"));
        assertThat(visitor.headers()).containsEntry("Sec-GPC", "1").containsEntry("X-Country", "US")
                .containsEntry("X-Region", "CA");
        ShopResponse response = get("/forgot/set?name=_fbp", visitor);

        assertThatThrownBy(() -> assertSetsOnlyAllowedCookies(response, visitor))
                .hasMessageContaining("cookie `_fbp` (category advertising, basis opt-in in US-CA) was set although the"
                        + " visitor's GPC signal opted out of it, for a first-time visitor in US-CA with GPC");
    }

    @Test
    void aPageLoadingAnUndeclaredThirdPartyScriptFailsBothTheCspAndThePageAssertion() throws Exception {
        Visitor visitor = KIT.afterAcceptAll(Jurisdiction.JP);
        ShopResponse response = get("/page/undeclared", visitor);

        assertThatThrownBy(() -> assertCspOpensOnlyConsentedHosts(response, visitor))
                .hasMessageContaining("the CSP opens (script-src) host `cdn.unlisted-tags.example` (no category: no tracker"
                        + " or recipient of policy servlet-test-shop 2026-11 declares it), for a visitor in JP after accept all")
                .hasMessageContaining("hosts: [cdn.unlisted-tags.example]");
        assertThatThrownBy(() -> assertLoadsOnlyConsentedHosts(response, visitor))
                .hasMessageContaining("the page loads (<script>) from host `cdn.unlisted-tags.example` (no category");
    }

    @Test
    void aPageLoadingTheAdTagBeforeConsentFailsNamingTheTrackerCategoryAndBasis() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.EU);
        ShopResponse response = get("/page/ads", visitor);

        assertThatThrownBy(() -> assertLoadsOnlyConsentedHosts(response, visitor))
                .hasMessageContaining("the page loads (<script>) from host `ads.example` (tracker ad-tag, category"
                        + " advertising, basis opt-in in EU) before consent, for a first-time visitor in EU");
        // After accept all the same page keeps every promise; the inert text/plain tag is never counted.
        assertKeepsConsent(get("/page/ads", KIT.afterAcceptAll(Jurisdiction.EU)),
                KIT.afterAcceptAll(Jurisdiction.EU));
    }

    @Test
    void theFiltersOwnCspOpensNoTrackerBeforeConsent() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.EU);
        ShopResponse response = get("/shop/set", visitor);

        assertThat(response.contentSecurityPolicy()).isNotNull().doesNotContain("ads.example");
        assertCspOpensOnlyConsentedHosts(response, visitor);
    }

    @Test
    void aResponseWithoutCspFailsTheCspAssertionSayingSo() throws Exception {
        Visitor visitor = KIT.firstVisit(Jurisdiction.JP);
        ShopResponse response = get("/forgot/set", visitor);

        assertThatThrownBy(() -> assertCspOpensOnlyConsentedHosts(response, visitor))
                .hasMessageContaining("has no Content-Security-Policy header");
    }

    @Test
    void firstPartyHostsAreNeverJudged() {
        ConsentTestKit kit = ConsentTestKit.builder(ShopFixture.POLICY).firstPartyHosts(Set.of("static.shop.test")).build();
        ShopResponse response = new ShopResponse(null, 200, java.util.List.of(),
                "script-src 'self' 'nonce-abc' https://static.shop.test data:", "");
        assertCspOpensOnlyConsentedHosts(response, kit.firstVisit(Jurisdiction.EU));
    }

    /** Pages whose own CSP and HTML load scripts: an undeclared tag, or the declared ad tag. */
    static final class PageServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String host = request.getPathInfo().equals("/ads") ? "ads.example" : "cdn.unlisted-tags.example";
            response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' https://" + host
                    + " https://metrics.example; img-src 'self' data:");
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("""
                    <!doctype html><html><head>
                    <script src="/consent/assets/consent.js" data-base="/consent"></script>
                    <script type="text/plain" data-consent="analytics" src="https://metrics.example/m.js"></script>
                    <script async src="https://%s/tag.js"></script>
                    </head><body><img src="/logo.png" alt=""></body></html>
                    """.formatted(host));
        }
    }
}
