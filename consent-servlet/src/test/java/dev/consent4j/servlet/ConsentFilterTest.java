package dev.consent4j.servlet;

import static dev.consent4j.servlet.testing.JettyShop.cookiesSet;
import static dev.consent4j.servlet.testing.JettyShop.setCookies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.ConsentFilter.UndeclaredCookieMode;
import dev.consent4j.servlet.testing.CookieSettingServlet;
import dev.consent4j.servlet.testing.ErrorPageServlet;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.StateServlet;
import dev.consent4j.signing.SigningKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentFilterTest {

    private static final Map<Topic, Action> ADS_GRANTED = Map.of(
            Topic.category("analytics"), Action.GRANT, Topic.category("advertising"), Action.GRANT,
            Topic.purpose("targeted-ads"), Action.GRANT);
    private static final Map<Topic, Action> ALL_DENIED = Map.of(
            Topic.category("analytics"), Action.DENY, Topic.category("advertising"), Action.DENY,
            Topic.purpose("targeted-ads"), Action.DENY);

    private final ShopFixture shop = new ShopFixture();
    private JettyShop server;
    private ConsentFilter filter;

    private JettyShop start(UnaryOperator<ConsentFilter.Builder> options) throws Exception {
        filter = options.apply(shop.filter()).build();
        server = new JettyShop()
                .filter(filter, "/*")
                .servlet(new CookieSettingServlet(), "/set")
                .servlet(new StateServlet(), "/state")
                .servlet(new ErrorPageServlet(), "/error-page")
                .errorPage(404, "/error-page")
                .sessionCookieName("SHOPSESSION")
                .start();
        return server;
    }

    private JettyShop start() throws Exception {
        return start(b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private String consentCookie(Map<Topic, Action> choices) {
        return ShopFixture.header(filter.codec().encode(shop.cookie(choices)));
    }

    static Stream<Arguments> waysOfSettingCookies() {
        return Stream.of(
                Arguments.of("add-cookie", List.of("JSESSIONID", "_fbp"), List.of("JSESSIONID"), List.of("JSESSIONID", "_fbp")),
                Arguments.of("add-header", List.of("JSESSIONID", "_fbp"), List.of("JSESSIONID"), List.of("JSESSIONID", "_fbp")),
                Arguments.of("set-header", List.of("_fbp"), List.of(), List.of("_fbp")),
                Arguments.of("set-header", List.of("_fbp", "JSESSIONID"), List.of("JSESSIONID"), List.of("JSESSIONID")),
                Arguments.of("redirect", List.of("JSESSIONID", "_fbp"), List.of("JSESSIONID"), List.of("JSESSIONID", "_fbp")),
                Arguments.of("async", List.of("JSESSIONID", "_fbp"), List.of("JSESSIONID"), List.of("JSESSIONID", "_fbp")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waysOfSettingCookies")
    void setCookieOfRefusedCategoryNeverLeavesWhicheverWayItIsSet(String how, List<String> names,
            List<String> withoutConsent, List<String> withConsent) throws Exception {
        start();
        String query = "/set?how=" + how + names.stream().map(n -> "&name=" + n).reduce("", String::concat);

        HttpResponse<String> refused = server.get(query);
        HttpResponse<String> granted = server.get(query, "Cookie", consentCookie(ADS_GRANTED));

        assertThat(refused.statusCode()).isLessThan(500);
        assertThat(cookiesSet(refused)).containsExactlyInAnyOrderElementsOf(withoutConsent);
        assertThat(cookiesSet(granted)).containsExactlyInAnyOrderElementsOf(withConsent);
    }

    @Test
    void cookieSetByAnErrorPageIsJudgedToo() throws Exception {
        start();

        HttpResponse<String> response = server.get("/set?how=error&name=_fbp&name=JSESSIONID");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("not found");
        assertThat(cookiesSet(response)).doesNotContain("_fbp");
    }

    @Test
    void cookieAddedAfterTheBodyStartedIsStillJudged() throws Exception {
        start();

        HttpResponse<String> response = server.get("/set?how=after-write&name=_fbp&name=JSESSIONID");

        assertThat(response.body()).isEqualTo("body first");
        assertThat(cookiesSet(response)).doesNotContain("_fbp");
    }

    @Test
    void containerSessionCookieUndeclaredIsDroppedInBlockModeAndReportedOnce() throws Exception {
        start(b -> b.undeclaredCookies(UndeclaredCookieMode.BLOCK));

        HttpResponse<String> first = server.get("/set?how=session");
        server.get("/set?how=session");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cookiesSet(first)).doesNotContain("SHOPSESSION");
        assertThat(filter.undeclaredCookies()).containsExactly("SHOPSESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALLOW", "REPORT", "BLOCK"})
    void undeclaredCookieFollowsTheMode(UndeclaredCookieMode mode) throws Exception {
        start(b -> b.undeclaredCookies(mode));

        HttpResponse<String> response = server.get("/set?name=mystery");

        if (mode == UndeclaredCookieMode.BLOCK) {
            assertThat(cookiesSet(response)).isEmpty();
        } else {
            assertThat(cookiesSet(response)).containsExactly("mystery");
        }
        assertThat(filter.undeclaredCookies()).isEqualTo(mode == UndeclaredCookieMode.ALLOW ? java.util.Set.of()
                : java.util.Set.of("mystery"));
    }

    @Test
    void refusedCookiesTheBrowserSendsAreExpiredOnEveryDeclaredDomainAndPath() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.fixed(Jurisdiction.of("DE"))));

        HttpResponse<String> response = server.get("/set",
                "Cookie", "_fbp=fb.1; _ga=GA1.2; _ga_XYZ=GS1; JSESSIONID=abc; ad_uid=7; mystery=1");

        List<String> expiries = setCookies(response).stream().filter(h -> h.contains("Max-Age=0")).toList();
        String epoch = "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
        assertThat(expiries).containsExactlyInAnyOrder(
                "_fbp=; " + epoch + "; Path=/shop",
                "_fbp=; " + epoch + "; Path=/shop; Domain=shop.test",
                "_fbp=; " + epoch + "; Path=/shop; Domain=www.shop.test",
                "_ga=; " + epoch + "; Path=/",
                "_ga=; " + epoch + "; Path=/; Domain=shop.test",
                "_ga_XYZ=; " + epoch + "; Path=/",
                "_ga_XYZ=; " + epoch + "; Path=/; Domain=shop.test");
        assertThat(response.headers().allValues("Vary")).contains("Cookie", "Sec-GPC");
    }

    /** A browser holding {@code count} {@code _ga_<n>} cookies plus {@code _fbp} and {@code _ga}. */
    private static List<String> manyAnalyticsCookies(int count) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("_ga_" + i);
        }
        names.add("_ga");
        names.add("_fbp");
        return names;
    }

    private static String cookieHeader(List<String> names, String consent) {
        return String.join("; ", names.stream().map(n -> n + "=1").toList()) + "; " + consent;
    }

    private static int headerBytes(List<String> headers) {
        return headers.stream().mapToInt(h -> ("Set-Cookie: " + h + "\r\n").length()).sum();
    }

    @ParameterizedTest(name = "{0} refused cookies")
    @ValueSource(ints = {50, 200})
    void manyRefusedCookiesAreExpiredInCappedBatchesUntilNoneIsLeft(int count) throws Exception {
        java.util.concurrent.atomic.AtomicInteger deferred = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger expiredCount = new java.util.concurrent.atomic.AtomicInteger();
        start(b -> b.listener(new EnforcementListener() {
            @Override
            public void cookieExpired(String cookieName, String categoryId) {
                expiredCount.incrementAndGet();
            }

            @Override
            public void expiriesDeferred(int left) {
                deferred.compareAndSet(0, left);
            }
        }));
        String consent = consentCookie(ALL_DENIED);
        List<String> browser = new java.util.ArrayList<>(manyAnalyticsCookies(count));
        int requests = 0;
        List<String> firstExpired = null;
        while (!browser.isEmpty()) {
            assertThat(requests++).as("requests before the browser holds no refused cookie").isLessThan(count);
            HttpResponse<String> response = server.get("/set?name=JSESSIONID&how=add-cookie", "Cookie",
                    cookieHeader(browser, consent));

            assertThat(response.statusCode()).isEqualTo(200);
            List<String> expiries = setCookies(response).stream().filter(h -> h.contains("Max-Age=0")).toList();
            assertThat(expiries).hasSizeLessThanOrEqualTo(ConsentFilter.DEFAULT_MAX_EXPIRY_HEADERS).isNotEmpty();
            assertThat(headerBytes(expiries)).isLessThanOrEqualTo(ConsentFilter.DEFAULT_MAX_EXPIRY_BYTES);
            assertThat(cookiesSet(response)).as("the application's own cookie is never dropped for room")
                    .containsExactly("JSESSIONID");
            List<String> expired = expiries.stream().map(h -> h.substring(0, h.indexOf('='))).distinct().toList();
            if (firstExpired == null) {
                firstExpired = expired;
            }
            // The browser drops what was expired (every variant of a name is sent together).
            browser.removeAll(expired);
        }
        // Names the policy declares exactly come first, then the glob's matches in name order.
        assertThat(firstExpired).startsWith("_fbp", "_ga", "_ga_0", "_ga_1", "_ga_10");
        assertThat(requests).isGreaterThan(1);
        assertThat(deferred.get()).isEqualTo(count + 2 - firstExpired.size());
        assertThat(expiredCount.get()).isEqualTo(count + 2);
        HttpResponse<String> clean = server.get("/set", "Cookie", consent);
        assertThat(setCookies(clean)).noneMatch(h -> h.contains("Max-Age=0"));
    }

    @Test
    void expiryLimitsAreConfigurableAndACookieTooLargeForThemStillMakesProgress() throws Exception {
        start(b -> b.expiryLimits(2, 4096));

        HttpResponse<String> response = server.get("/set", "Cookie", "_fbp=1; _ga=1; " + consentCookie(ALL_DENIED));

        // _fbp has three variants (host-only and two domains): over the limit alone, so the first two go.
        assertThat(setCookies(response)).hasSize(2).allMatch(h -> h.startsWith("_fbp=; Max-Age=0"));
        assertThatThrownBy(() -> shop.filter().expiryLimits(0, 4096)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grantedCategoriesCookiesAreLeftAlone() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.fixed(Jurisdiction.of("DE"))));

        HttpResponse<String> response = server.get("/set",
                "Cookie", "_fbp=fb.1; _ga=GA1.2; " + consentCookie(ADS_GRANTED));

        assertThat(setCookies(response)).noneMatch(h -> h.contains("Max-Age=0"));
    }

    @Test
    void withdrawalInTheCookieExpiresCookiesOfOptOutCategories() throws Exception {
        start(); // Japan: analytics is opt-out, so it runs until the shopper refuses

        HttpResponse<String> before = server.get("/set", "Cookie", "_ga=GA1.2");
        HttpResponse<String> after = server.get("/set", "Cookie", "_ga=GA1.2; " + consentCookie(ALL_DENIED));

        assertThat(setCookies(before)).isEmpty();
        assertThat(setCookies(after)).anyMatch(h -> h.startsWith("_ga=; Max-Age=0"));
    }

    @Test
    void cspOpensOnlyTheHostsOfAllowedCategoriesInTheirDirectives() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.fixed(Jurisdiction.of("FR")))
                .contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'; img-src 'self' data:; connect-src 'self'")
                .cspReportPath("/consent/csp-report"));

        String none = server.get("/set").headers().firstValue("Content-Security-Policy").orElseThrow();
        String ads = server.get("/set", "Cookie", consentCookie(Map.of(Topic.category("advertising"), Action.GRANT)))
                .headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(none).doesNotContain("ads.example").doesNotContain("metrics.example")
                .startsWith("default-src 'self'; img-src 'self' data:; connect-src 'self'")
                .contains("report-uri /consent/csp-report", "report-to consent4j");
        assertThat(directive(ads, "script-src")).containsExactly("'self'", "ads.example", "*.pixel.ads.example");
        assertThat(directive(ads, "img-src")).containsExactly("'self'", "data:", "ads.example", "*.pixel.ads.example");
        assertThat(directive(ads, "frame-src")).containsExactly("'self'", "ads.example", "*.pixel.ads.example");
        assertThat(directive(ads, "connect-src")).containsExactly("'self'");
        assertThat(ads).doesNotContain("metrics.example");
    }

    @Test
    void cspReportOnlyModeUsesTheReportOnlyHeader() throws Exception {
        start(b -> b.contentSecurityPolicy(CspMode.REPORT_ONLY, "default-src 'self'"));

        HttpResponse<String> response = server.get("/set");

        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        // Japan: analytics is opt-out, so its hosts are open before any choice.
        assertThat(response.headers().firstValue("Content-Security-Policy-Report-Only").orElseThrow())
                .contains("script-src 'self' metrics.example", "connect-src 'self' metrics.example");
    }

    @Test
    void enforcingCspRefusesABaseWithStrictDynamic() {
        assertThatThrownBy(() -> shop.filter()
                .contentSecurityPolicy(CspMode.ENFORCE, "script-src 'nonce-abc' 'strict-dynamic'; object-src 'none'")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'strict-dynamic'").hasMessageContaining("REPORT_ONLY");
    }

    @Test
    void streamedResponseArrivesWholeWithItsHeaders() throws Exception {
        start(b -> b.contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'"));

        HttpResponse<String> response = server.get("/set?how=stream");

        assertThat(response.body().lines()).hasSize(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void gpcOptsOutOfTargetedAdsInCaliforniaButNotInJapan() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.cloudfront(Jurisdiction.JP)));
        String granted = consentCookie(ADS_GRANTED);

        String california = server.get("/state", "Cookie", granted, "Sec-GPC", "1",
                "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA").body();
        String japan = server.get("/state", "Cookie", granted, "Sec-GPC", "1", "CloudFront-Viewer-Country", "JP").body();
        String californiaWithoutSignal = server.get("/state", "Cookie", granted, "Sec-GPC", "0",
                "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA").body();

        assertThat(california).contains("jurisdiction US-CA", "purpose:targeted-ads false GPC_SIGNAL")
                .as("the category targeted ads are carried out through goes with them")
                .contains("category:advertising false GPC_SIGNAL")
                .as("GPC is not \"reject all\"").contains("category:analytics true GRANTED");
        assertThat(japan).contains("jurisdiction JP", "purpose:targeted-ads true GRANTED", "category:advertising true GRANTED");
        assertThat(californiaWithoutSignal).contains("purpose:targeted-ads true GRANTED");
    }

    @Test
    void behindOneCdnAnotherCdnsHeaderSentByTheClientCountsForNothing() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.cloudfront(Jurisdiction.JP)));

        String forged = server.get("/state", "CF-IPCountry", "US", "X-Vercel-IP-Country", "US", "Sec-GPC", "1").body();
        String real = server.get("/state", "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA").body();

        assertThat(forged).contains("jurisdiction JP").contains("purpose:targeted-ads false NO_CONSENT");
        assertThat(real).contains("jurisdiction US-CA");
    }

    @Test
    void aJurisdictionSettingNamesOneKnownSource() {
        assertThat(JurisdictionResolver.named("header:X-Geo:X-Geo-Region", Jurisdiction.JP)).isNotNull();
        for (String bad : List.of("cdn-headers", "header:", "header:a b", "header:a:b:c", "cloudflare,cloudfront")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JurisdictionResolver.named(bad, Jurisdiction.JP))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cloudflare, cloudfront, vercel");
        }
    }

    @Test
    void gpcStopsAdvertisingCookiesWhereItIsHonoured() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.cloudfront(Jurisdiction.JP)));
        String granted = consentCookie(ADS_GRANTED);

        HttpResponse<String> california = server.get("/set?how=add-cookie&name=_fbp&name=_ga", "Cookie", granted, "Sec-GPC", "1",
                "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "CA");
        HttpResponse<String> japan = server.get("/set?how=add-cookie&name=_fbp&name=_ga", "Cookie", granted, "Sec-GPC", "1",
                "CloudFront-Viewer-Country", "JP");

        assertThat(cookiesSet(california)).containsExactly("_ga");
        assertThat(cookiesSet(japan)).containsExactlyInAnyOrder("_fbp", "_ga");
    }

    @Test
    void gpcFromALoggedInCustomerIsRecordedOnce() throws Exception {
        start(b -> b.jurisdictions(JurisdictionResolver.fixed(Jurisdiction.of("US-CA"))));

        server.get("/state", JettyShop.TEST_USER_HEADER, "alice", "Sec-GPC", "1");
        server.get("/state", JettyShop.TEST_USER_HEADER, "alice", "Sec-GPC", "1");

        List<ConsentEvent> events = shop.store.events(SubjectId.customer("alice"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).source()).isEqualTo(Source.GPC_SIGNAL);
        assertThat(events.get(0).evidence().network()).isEqualTo("127.0.0.0/24");
    }

    static Stream<String> forgedCookies() {
        ShopFixture fixture = new ShopFixture();
        ConsentCookieCodec codec = new ConsentCookieCodec(fixture.keys, Duration.ofDays(180));
        String valid = codec.encode(fixture.cookie(ADS_GRANTED));
        ConsentCookieCodec stranger = new ConsentCookieCodec(SigningKeys.of(ShopFixture.key("k2", 9)), Duration.ofDays(180));
        char[] flipped = valid.toCharArray();
        int inPayload = valid.indexOf('.', 2) + 5;
        flipped[inPayload] = flipped[inPayload] == 'A' ? 'B' : 'A';
        return Stream.of(
                new String(flipped),
                valid.substring(0, valid.length() - 3),
                valid.substring(0, valid.lastIndexOf('.')),
                stranger.encode(fixture.cookie(ADS_GRANTED)),
                "3" + valid.substring(1),
                "1" + valid.substring(1),
                valid.replace(".k2.", ".k9."),
                valid + "x".repeat(3000),
                "",
                "....",
                "1.k2..",
                "2.k2..",
                "\"" + valid + "\"x");
    }

    @ParameterizedTest
    @MethodSource("forgedCookies")
    void forgedOrCorruptCookieIsIgnoredNeverTrustedNeverA500(String value) throws Exception {
        start();

        HttpResponse<String> response = server.get("/state", "Cookie", "consent=" + value);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("category:advertising false NO_CONSENT", "purpose:targeted-ads false NO_CONSENT");
    }

    @Test
    void nonAsciiOrControlCharactersInTheCookieHeaderNeverGiveA500() throws Exception {
        start();

        String nonAscii = server.rawGet("/state", "Cookie: consent=1.k2.\u3042\u3044.\u3046; _ga=\u00ff");
        String control = server.rawGet("/state", "Cookie: consent=1.k2.\u0001\u0002.x");

        assertThat(nonAscii).startsWith("HTTP/1.1 200").contains("category:advertising false NO_CONSENT");
        assertThat(control).doesNotStartWith("HTTP/1.1 5");
    }

    @Test
    void cookieSignedWithTheOlderKeyIsTrustedAndReissuedUnderTheNewest() throws Exception {
        start(b -> b.cookie(new ConsentCookieSettings("consent", ConsentCookieSettings.Secure.ALWAYS)));
        ConsentCookie cookie = shop.cookie(ADS_GRANTED);
        String oldValue = new ConsentCookieCodec(SigningKeys.of(shop.oldKey), Duration.ofDays(180)).encode(cookie);
        shop.clock.advance(Duration.ofDays(10));

        HttpResponse<String> response = server.get("/state", "Cookie", "__Host-consent=" + oldValue);

        assertThat(response.body()).contains("category:advertising true GRANTED");
        String issued = setCookies(response).stream().filter(h -> h.startsWith("__Host-consent=")).findFirst().orElseThrow();
        assertThat(issued).matches("^__Host-consent=2\\.k2\\.[^;]{1,3000}; Path=/; Max-Age=\\d+; Secure; HttpOnly; SameSite=Lax$")
                .doesNotContainIgnoringCase("Domain");
        long maxAge = Long.parseLong(issued.replaceAll(".*Max-Age=(\\d+);.*", "$1"));
        assertThat(maxAge).isEqualTo(filter.codec().lifetime().minusDays(10).toSeconds());
    }

    /** A cookie written before format 2, by the layout in COMPATIBILITY.md: analytics denied, advertising granted. */
    private String formatOneCookie(dev.consent4j.signing.SigningKeys keys) {
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        payload.writeBytes(java.util.HexFormat.of().parseHex(SubjectId.newVisitor().value()));
        payload.writeBytes(java.nio.ByteBuffer.allocate(8).putLong(shop.clock.instant().getEpochSecond()).array());
        payload.write(0); // flags
        payload.write(7);
        payload.writeBytes("2026-11".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        payload.write(2); // choices
        payload.write(0x11); // category, deny
        payload.write(9);
        payload.writeBytes("analytics".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        payload.write(0x10); // category, grant
        payload.write(11);
        payload.writeBytes("advertising".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return new dev.consent4j.internal.signing.SignedValues(keys).seal('1', payload.toByteArray());
    }

    @Test
    void aCookieOfTheFirstFormatStillCounts() throws Exception {
        start();
        String cookie = "consent=" + formatOneCookie(shop.keys);
        shop.clock.advance(Duration.ofDays(10));

        HttpResponse<String> state = server.get("/state", "Cookie", cookie);
        HttpResponse<String> set = server.get("/set?name=_ga&name=_fbp", "Cookie", cookie);

        assertThat(state.body()).contains("category:analytics false DENIED", "category:advertising true GRANTED");
        assertThat(setCookies(state)).noneMatch(h -> h.startsWith("consent="));
        assertThat(cookiesSet(set)).contains("_fbp").doesNotContain("_ga");
    }

    @Test
    void aCookieOfTheFirstFormatUnderAnOlderKeyIsReissuedInTheCurrentFormat() throws Exception {
        start();
        String cookie = "consent=" + formatOneCookie(SigningKeys.of(shop.oldKey));
        shop.clock.advance(Duration.ofDays(10));

        HttpResponse<String> response = server.get("/state", "Cookie", cookie);

        assertThat(response.body()).contains("category:analytics false DENIED", "category:advertising true GRANTED");
        String issued = setCookies(response).stream().filter(h -> h.startsWith("consent=")).findFirst().orElseThrow();
        assertThat(issued).startsWith("consent=2.k2.");
        long maxAge = Long.parseLong(issued.replaceAll(".*Max-Age=(\\d+);.*", "$1"));
        assertThat(maxAge).isEqualTo(filter.codec().lifetime().minusDays(10).toSeconds());
        String reissued = issued.substring("consent=".length(), issued.indexOf(';'));
        assertThat(filter.codec().decode(reissued, shop.clock.instant()).cookie().asChoices())
                .isEqualTo(filter.codec().decode(cookie.substring("consent=".length()), shop.clock.instant()).cookie().asChoices());
    }

    @Test
    void expiredCookieCountsAsNoChoice() throws Exception {
        start();
        String cookie = consentCookie(ADS_GRANTED);
        shop.clock.advance(Duration.ofDays(200)); // the policy's validity is six months

        assertThat(server.get("/state", "Cookie", cookie).body()).contains("category:advertising false NO_CONSENT");
    }

    @Test
    void aCookieSharedByTheRequestsOfOneSecondStillExpiresOnTime() throws Exception {
        start();
        String cookie = consentCookie(ADS_GRANTED);
        Duration lifetime = filter.codec().lifetime();
        shop.clock.advance(lifetime.minusMillis(1500));
        String first = server.get("/state", "Cookie", cookie).body();
        String sameSecond = server.get("/state", "Cookie", cookie).body();
        shop.clock.advance(Duration.ofSeconds(2));
        String afterExpiry = server.get("/state", "Cookie", cookie).body();

        assertThat(first).contains("category:advertising true GRANTED");
        assertThat(sameSecond).isEqualTo(first);
        assertThat(afterExpiry).contains("category:advertising false NO_CONSENT");
    }

    @Test
    void loggedInCustomersStoredStateWinsAndTheirVisitorCookieIsLinkedOnce() throws Exception {
        start();
        SubjectId alice = SubjectId.customer("alice");
        shop.consents.record(ChoiceRequest.of(alice, Topic.category("advertising"), Action.GRANT, Source.ACCOUNT_PAGE,
                Jurisdiction.JP));
        ConsentCookie visitorCookie = shop.cookie(Map.of(Topic.category("analytics"), Action.DENY));
        shop.store.append(List.of(NewEvent.of(visitorCookie.visitor(), Topic.category("analytics"), Action.DENY,
                ShopFixture.POLICY.version(), shop.clock.instant(), Source.BANNER, dev.consent4j.event.Actor.SELF, "JP",
                null, null, null)));

        HttpResponse<String> first = server.get("/state", JettyShop.TEST_USER_HEADER, "alice",
                "Cookie", ShopFixture.header(filter.codec().encode(visitorCookie)));
        String relinked = setCookies(first).stream().filter(h -> h.startsWith("consent=")).findFirst().orElseThrow();
        HttpResponse<String> second = server.get("/state", JettyShop.TEST_USER_HEADER, "alice",
                "Cookie", relinked.substring(0, relinked.indexOf(';')));

        assertThat(first.body()).contains("subject c:alice", "category:advertising true GRANTED",
                "category:analytics false DENIED");
        assertThat(second.body()).contains("category:analytics false DENIED");
        assertThat(shop.store.events(alice)).filteredOn(e -> e.action() == Action.LINK).hasSize(1);
        assertThat(setCookies(second)).noneMatch(h -> h.startsWith("consent="));
    }

    @Test
    void disabledFilterTouchesNothing() throws Exception {
        start(b -> b.enabled(false).contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'"));

        HttpResponse<String> response = server.get("/set?name=_fbp", "Cookie", "_ga=1");

        assertThat(cookiesSet(response)).containsExactly("_fbp");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(response.headers().allValues("Vary")).isEmpty();
    }

    private static List<String> directive(String policy, String name) {
        for (String part : policy.split(";")) {
            List<String> tokens = List.of(part.trim().split("\\s+"));
            if (tokens.get(0).equals(name)) {
                return tokens.subList(1, tokens.size());
            }
        }
        return List.of();
    }
}
