package dev.consent4j.servlet;

import static dev.consent4j.servlet.testing.JettyShop.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsentEndpointsTest {

    private static final String JSON = "application/json";
    private final ShopFixture shop = new ShopFixture();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(shop.keys, shop.clock);
    private JettyShop server;

    @BeforeEach
    void start() throws Exception {
        ConsentFilter filter = shop.filter().jurisdictions(JurisdictionResolver.cloudflare(Jurisdiction.JP)).build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, tokens).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*")
                .servlet(endpoints, "/.well-known/gpc.json").start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static String consentCookie(HttpResponse<String> response) {
        String header = setCookies(response).stream().filter(h -> h.startsWith("consent=")).findFirst().orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void policyGivesTheBannerWhatItNeedsInTheRequestedLanguageWithAnEtag() throws Exception {
        HttpResponse<String> en = server.get("/consent/policy?lang=en");
        HttpResponse<String> ja = server.get("/consent/policy", "Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5");
        String etag = en.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = server.get("/consent/policy?lang=en", "If-None-Match", etag);

        JsonNode policy = json(en);
        assertThat(policy.get("version").stringValue()).isEqualTo("2026-11");
        assertThat(policy.get("language").stringValue()).isEqualTo("en");
        assertThat(policy.get("categories").get(0).get("choosable").booleanValue()).isFalse();
        assertThat(policy.get("categories").get(2).get("trackers").get(0).get("recipient").stringValue()).isEqualTo("Ad Network");
        assertThat(policy.get("purposes").findValuesAsString("id")).contains("targeted-ads").doesNotContain("newsletter");
        assertThat(policy.get("ui").get("rejectAll").stringValue()).isEqualTo("Reject all");
        assertThat(json(ja).get("language").stringValue()).isEqualTo("ja");
        assertThat(json(ja).get("ui").get("rejectAll").stringValue()).isEqualTo("すべて拒否する");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(en.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    }

    @Test
    void consentModeDefaultsFollowTheBasisPerRegion() throws Exception {
        JsonNode defaults = json(server.get("/consent/policy")).get("consentMode").get("defaults");

        assertThat(defaults.get(0).get("region")).isEmpty();
        assertThat(defaults.get(0).get("granted").findValuesAsString("granted")).isEmpty();
        assertThat(defaults.toString()).contains("\"DE\"", "\"FR\"");
    }

    @Test
    void rejectAllIsOneCallThatStoresEventsIssuesTheCookieAndExpiresRefusedCookies() throws Exception {
        HttpResponse<String> response = server.post("/consent/choices", JSON, "{\"all\":\"deny\",\"language\":\"ja\"}",
                "Cookie", "_ga=GA1.1", "Origin", server.uri("").toString().replaceAll("/$", ""),
                "User-Agent", "TestBrowser/1.0");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = json(response);
        assertThat(state.get("categories").get("analytics").booleanValue()).isFalse();
        assertThat(state.get("needsChoice").booleanValue()).isFalse();
        assertThat(setCookies(response)).anyMatch(h -> h.startsWith("_ga=; Max-Age=0"));
        String cookie = consentCookie(response);
        assertThat(cookie.length()).isLessThan(300);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        JsonNode after = json(server.get("/consent/state", "Cookie", cookie));
        assertThat(after.get("categories").get("advertising").booleanValue()).isFalse();
        assertThat(after.get("decisions").toString()).contains("\"reason\":\"DENIED\"");
        SubjectId visitor = SubjectId.parse(json(server.get("/consent/export", "Cookie", cookie)).get("subject").stringValue());
        List<ConsentEvent> events = shop.store.events(visitor);
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(Source.BANNER);
            assertThat(e.evidence().language()).isEqualTo("ja");
            assertThat(e.evidence().userAgent()).isEqualTo("TestBrowser/1.0");
            assertThat(e.evidence().network()).isEqualTo("127.0.0.0/24");
        });
    }

    @Test
    void acceptAllThenWithdrawOneCategoryFromThePreferenceCentre() throws Exception {
        HttpResponse<String> accepted = server.post("/consent/choices", JSON, "{\"all\":\"grant\"}");
        String cookie = consentCookie(accepted);
        HttpResponse<String> withdrawn = server.post("/consent/choices", JSON,
                "{\"choices\":{\"category:advertising\":\"withdraw\"},\"source\":\"preference-centre\"}",
                "Cookie", cookie + "; _fbp=fb.1");

        assertThat(json(accepted).get("categories").get("advertising").booleanValue()).isTrue();
        JsonNode state = json(withdrawn);
        assertThat(state.get("categories").get("advertising").booleanValue()).isFalse();
        assertThat(state.get("categories").get("analytics").booleanValue()).isTrue();
        assertThat(state.get("decisions").toString()).contains("\"topic\":\"category:advertising\",\"allowed\":false,\"reason\":\"WITHDRAWN\"");
        assertThat(setCookies(withdrawn)).anyMatch(h -> h.startsWith("_fbp=; Max-Age=0"));
        JsonNode later = json(server.get("/consent/state", "Cookie", consentCookie(withdrawn)));
        assertThat(later.get("categories").get("advertising").booleanValue()).isFalse();
        assertThat(later.get("categories").get("analytics").booleanValue()).isTrue();
    }

    @Test
    void signedInCustomerOptsOutOfAChannelAndBackIn() throws Exception {
        HttpResponse<String> in = server.post("/consent/opt-out", JSON,
                "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"grant\"}", JettyShop.TEST_USER_HEADER, "alice");
        HttpResponse<String> out = server.post("/consent/opt-out", JSON,
                "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"withdraw\"}", JettyShop.TEST_USER_HEADER, "alice");

        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(json(in).get("decisions").toString()).contains("\"topic\":\"purpose:newsletter:email\",\"allowed\":true");
        assertThat(json(out).get("decisions").toString()).contains("\"topic\":\"purpose:newsletter:email\",\"allowed\":false,\"reason\":\"WITHDRAWN\"");
        assertThat(shop.consents.mayContact(SubjectId.customer("alice"), "newsletter", "email")).isFalse();
    }

    @Test
    void doNotSellWorksWithoutAnAccount() throws Exception {
        HttpResponse<String> response = server.post("/consent/do-not-sell", null, "", "CF-IPCountry", "US");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("purposes").get("targeted-ads").booleanValue()).isFalse();
        assertThat(json(response).get("decisions").toString()).contains("\"reason\":\"OBJECTED\"");
        JsonNode later = json(server.get("/consent/state", "Cookie", consentCookie(response), "CF-IPCountry", "US"));
        assertThat(later.get("purposes").get("targeted-ads").booleanValue()).isFalse();
        assertThat(later.get("categories").get("advertising").booleanValue())
                .as("the opt-out refuses the category targeted ads are carried out through").isFalse();
        assertThat(later.get("needsChoice").booleanValue())
                .as("nothing is left to ask, so the banner does not offer to grant it back").isFalse();
        assertThat(later.get("consentMode").get("ad_storage").stringValue()).isEqualTo("denied");
    }

    @Test
    void acceptAllAfterDoNotSellLeavesTheOptOutAndItsCategoryAloneAndTheBannerSaysSo() throws Exception {
        HttpResponse<String> optedOut = server.post("/consent/do-not-sell", null, "", "CF-IPCountry", "US");
        HttpResponse<String> accepted = server.post("/consent/choices?lang=en", JSON, "{\"all\":\"grant\"}",
                "Cookie", consentCookie(optedOut), "CF-IPCountry", "US");

        JsonNode state = json(accepted);
        assertThat(state.get("purposes").get("targeted-ads").booleanValue()).isFalse();
        assertThat(state.get("categories").get("advertising").booleanValue()).isFalse();
        assertThat(state.get("categories").get("analytics").booleanValue()).isTrue();
        assertThat(state.get("decisions").toString())
                .contains("\"topic\":\"purpose:targeted-ads\",\"allowed\":false,\"reason\":\"OBJECTED\"");
        assertThat(state.get("banner").get("ask").booleanValue()).isFalse();
        assertThat(state.get("banner").get("wording").stringValue()).isEqualTo("us");
        assertThat(state.get("banner").get("status").stringValue()).startsWith("You have opted out of the sale or sharing");
        // Turning the purpose on by itself is the person acting, and counts.
        HttpResponse<String> granted = server.post("/consent/choices", JSON,
                "{\"choices\":{\"purpose:targeted-ads\":\"grant\",\"category:advertising\":\"grant\"}}",
                "Cookie", consentCookie(accepted), "CF-IPCountry", "US");
        assertThat(json(granted).get("purposes").get("targeted-ads").booleanValue()).isTrue();
    }

    @Test
    void stateSaysInTheRequestedLanguageWhatTheBannerTellsThisVisitor() throws Exception {
        JsonNode jp = json(server.get("/consent/state?lang=ja", "CF-IPCountry", "JP"));
        JsonNode de = json(server.get("/consent/state?lang=en", "CF-IPCountry", "DE"));

        assertThat(jp.get("banner").get("wording").stringValue()).isEqualTo("notice");
        assertThat(jp.get("banner").get("body").stringValue()).contains("のためのCookie等を、公表のうえ使用しています。");
        assertThat(de.get("banner").get("wording").stringValue()).isEqualTo("opt-in");
        assertThat(de.get("banner").get("body").stringValue()).contains("only if you agree");
    }

    @Test
    void consentModeFollowsTheDecisionsNotJustTheCategories() throws Exception {
        HttpResponse<String> response = server.post("/consent/choices", JSON,
                "{\"choices\":{\"category:advertising\":\"grant\",\"purpose:targeted-ads\":\"deny\"}}");

        JsonNode mode = json(response).get("consentMode");
        assertThat(mode.get("ad_storage").stringValue()).isEqualTo("granted");
        assertThat(mode.get("ad_personalization").stringValue()).as("follows the targeted-ads decision").isEqualTo("denied");
        assertThat(mode.get("analytics_storage").stringValue()).isEqualTo("granted");
    }

    @Test
    void stateShowsWhenGpcWasHonoured() throws Exception {
        JsonNode us = json(server.get("/consent/state", "Sec-GPC", "1", "CF-IPCountry", "US"));
        JsonNode jp = json(server.get("/consent/state", "Sec-GPC", "1", "CF-IPCountry", "JP"));

        assertThat(us.get("gpc").toString()).isEqualTo("{\"signal\":true,\"honoured\":true}");
        assertThat(us.get("decisions").toString()).contains("\"reason\":\"GPC_SIGNAL\"");
        assertThat(jp.get("gpc").toString()).isEqualTo("{\"signal\":true,\"honoured\":false}");
    }

    @Test
    void gpcSupportResourceIsPublished() throws Exception {
        HttpResponse<String> response = server.get("/.well-known/gpc.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"gpc\":true,\"lastUpdate\":\"2026-11-01\"}");
    }

    @Test
    void disclosureListsEveryTrackerAndRecipientInHtmlAndJson() throws Exception {
        HttpResponse<String> html = server.get("/consent/disclosure?lang=ja");
        JsonNode json = json(server.get("/consent/disclosure?format=json&lang=en"));

        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"ja\">", "アドネット", "第三者", "Cookie識別子", "日本（JP）",
                        "<a class=\"c4j-shop\" href=\"/\">テスト菓子店</a>", "<a href=\"/\">ショップに戻る</a>",
                        "/consent/assets/page.css")
                .doesNotContain("Undeclared", "<script");
        assertThat(json.get("trackers")).hasSize(2);
        assertThat(json.get("trackers").get(1).get("sentData").get(0).stringValue()).isEqualTo("Cookie identifier");
        assertThat(json.get("recipients").findValuesAsString("relation")).containsExactly("processor", "third-party");
    }

    @Test
    void cspReportsInBothFormatsFeedTheUndeclaredHostsList() throws Exception {
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, tokens).build();
        try (JettyShop other = new JettyShop().filter(shop.filter()
                .contentSecurityPolicy(CspMode.REPORT_ONLY, "default-src 'self'").cspReportPath("/consent/csp-report").build(), "/*").servlet(endpoints, "/consent/*").start()) {
            HttpResponse<String> legacy = other.post("/consent/csp-report", "application/csp-report",
                    "{\"csp-report\":{\"document-uri\":\"https://shop.test/\",\"blocked-uri\":\"https://sneaky.example/t.js\"}}");
            HttpResponse<String> modern = other.post("/consent/csp-report", "application/reports+json",
                    "[{\"type\":\"csp-violation\",\"body\":{\"blockedURL\":\"https://ads.example/x\"}},"
                            + "{\"type\":\"csp-violation\",\"body\":{\"blockedURL\":\"https://other.example/p.gif\"}}]");

            assertThat(legacy.statusCode()).isEqualTo(204);
            assertThat(modern.statusCode()).isEqualTo(204);
            assertThat(endpoints.undeclaredHosts()).containsOnlyKeys("sneaky.example", "other.example");
        }
    }

    @Test
    void exportGivesTheCallerOwnHistoryOnly() throws Exception {
        HttpResponse<String> mine = server.post("/consent/choices", JSON, "{\"choices\":{\"category:analytics\":\"deny\"}}");
        server.post("/consent/choices", JSON, "{\"all\":\"grant\"}"); // someone else

        JsonNode export = json(server.get("/consent/export", "Cookie", consentCookie(mine)));
        JsonNode anonymous = json(server.get("/consent/export"));

        assertThat(export.get("format").intValue()).isEqualTo(3);
        assertThat(export.get("events")).hasSize(1);
        assertThat(export.get("events").get(0).get("topic").stringValue()).isEqualTo("category:analytics");
        assertThat(export.get("chainValid").booleanValue()).isTrue();
        assertThat(anonymous.get("events")).isEmpty();
    }

    @Test
    void bannerAssetsAreServed() throws Exception {
        HttpResponse<String> script = server.get("/consent/assets/consent.js");
        HttpResponse<String> style = server.get("/consent/assets/consent.css");
        HttpResponse<String> pages = server.get("/consent/assets/page.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(style.body()).isNotEmpty();
        assertThat(pages.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(pages.body()).contains(".c4j-page");
    }

    @Test
    void visitorTopicsAreRecordedUnderTheCookiesVisitorAcrossRequests() throws Exception {
        HttpResponse<String> first = server.post("/consent/choices", JSON, "{\"choices\":{\"category:analytics\":\"grant\"}}");
        String cookie = consentCookie(first);
        server.post("/consent/choices", JSON, "{\"choices\":{\"purpose:targeted-ads\":\"grant\"}}", "Cookie", cookie);

        SubjectId visitor = SubjectId.parse(json(server.get("/consent/export", "Cookie", cookie)).get("subject").stringValue());
        assertThat(shop.store.events(visitor)).extracting(ConsentEvent::topic)
                .containsExactly(Topic.category("analytics"), Topic.purpose("targeted-ads"));
        assertThat(shop.store.events(visitor)).extracting(ConsentEvent::action).containsOnly(Action.GRANT);
    }
}
