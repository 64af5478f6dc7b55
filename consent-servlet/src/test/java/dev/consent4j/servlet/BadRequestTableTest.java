package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad requests against every endpoint: each gets the expected 4xx with a problem body (or the
 * documented page), never a 5xx, and the store holds exactly what it held before.
 */
class BadRequestTableTest {

    private static final String JSON = "application/json";
    private static final ShopFixture SHOP = new ShopFixture();
    private static final UnsubscribeTokens TOKENS = new UnsubscribeTokens(SHOP.keys, SHOP.clock);
    private static JettyShop server;

    @BeforeAll
    static void start() throws Exception {
        // CSP on, so that the CSP report endpoint takes reports and the rows about them reach it.
        ConsentFilter filter = SHOP.filter().jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
                .contentSecurityPolicy(CspMode.REPORT_ONLY, "default-src 'self'").cspReportPath("/consent/csp-report").build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(SHOP.consents, TOKENS).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A request: method, path, content type, body, extra headers; and the status it must get. */
    record Bad(String name, String method, String path, String contentType, String body, List<String> headers, int status) {
        Arguments args() {
            return Arguments.of(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Bad post(String name, String path, String body, int status, String... headers) {
        return new Bad(name, "POST", path, JSON, body, List.of(headers), status);
    }

    static Stream<Bad> badRequests() {
        String deep = "{\"choices\":" + "[".repeat(40) + "]".repeat(40) + "}";
        String nestedObject = "{\"choices\":{\"category:analytics\":" + "{\"a\":".repeat(30) + "1" + "}".repeat(30) + "}}";
        String forgedToken = TOKENS.issue(SubjectId.customer("alice"), "newsletter", "email");
        char[] flipped = forgedToken.toCharArray();
        flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
        UnsubscribeTokens expiring = new UnsubscribeTokens(SHOP.keys, SHOP.clock, Duration.ofSeconds(1));
        String expired = expiring.issue(SubjectId.customer("alice"), "newsletter", "email");
        SHOP.clock.advance(Duration.ofSeconds(5));
        UnsubscribeTokens stranger = new UnsubscribeTokens(SigningKeys.of(ShopFixture.key("k2", 77)), SHOP.clock);
        String wrongChannel = TOKENS.issue(SubjectId.customer("alice"), "newsletter", "sms");
        String unknownPurpose = TOKENS.issue(SubjectId.customer("alice"), "no-such-purpose", "email");
        String oneClick = "List-Unsubscribe=One-Click";
        String form = "application/x-www-form-urlencoded";
        List<Bad> rows = new ArrayList<>(List.of(
                post("malformed JSON", "/consent/choices", "{\"all\":", 400),
                post("not an object", "/consent/choices", "[\"grant\"]", 400),
                post("a string", "/consent/choices", "\"grant\"", 400),
                post("empty body", "/consent/choices", "", 400),
                post("deeply nested arrays", "/consent/choices", deep, 400),
                post("deeply nested objects", "/consent/choices", nestedObject, 400),
                post("duplicate keys", "/consent/choices", "{\"all\":\"grant\",\"all\":\"deny\"}", 400),
                post("both all and choices", "/consent/choices", "{\"all\":\"grant\",\"choices\":{\"category:analytics\":\"grant\"}}", 400),
                post("neither all nor choices", "/consent/choices", "{\"source\":\"banner\"}", 400),
                post("all is a number", "/consent/choices", "{\"all\":1}", 400),
                post("all is unknown", "/consent/choices", "{\"all\":\"maybe\"}", 400),
                post("unknown outcome", "/consent/choices", "{\"all\":\"grant\",\"outcome\":\"accept\"}", 400),
                post("outcome is a number", "/consent/choices", "{\"all\":\"grant\",\"outcome\":1}", 400),
                post("accept-all with all deny", "/consent/choices", "{\"all\":\"deny\",\"outcome\":\"accept-all\"}", 400),
                post("reject-all with choices", "/consent/choices",
                        "{\"choices\":{\"category:analytics\":\"deny\"},\"outcome\":\"reject-all\"}", 400),
                post("custom with all", "/consent/choices", "{\"all\":\"grant\",\"outcome\":\"custom\"}", 400),
                post("choices is an array", "/consent/choices", "{\"choices\":[\"category:analytics\"]}", 400),
                post("choices is empty", "/consent/choices", "{\"choices\":{}}", 400),
                post("action is a boolean", "/consent/choices", "{\"choices\":{\"category:analytics\":true}}", 400),
                post("unknown action", "/consent/choices", "{\"choices\":{\"category:analytics\":\"accept\"}}", 400),
                post("unknown category", "/consent/choices", "{\"choices\":{\"category:social\":\"grant\"}}", 400),
                post("unknown purpose", "/consent/choices", "{\"choices\":{\"purpose:resale\":\"grant\"}}", 400),
                post("malformed topic", "/consent/choices", "{\"choices\":{\"analytics\":\"grant\"}}", 400),
                post("denying a necessary category", "/consent/choices", "{\"choices\":{\"category:necessary\":\"deny\"}}", 400),
                post("denying a necessary purpose", "/consent/choices", "{\"choices\":{\"purpose:order-fulfilment\":\"deny\"}}", 400),
                post("one bad among good", "/consent/choices", "{\"choices\":{\"category:analytics\":\"grant\",\"category:x\":\"grant\"}}", 400),
                post("channel choice by a visitor", "/consent/choices", "{\"choices\":{\"purpose:newsletter:email\":\"grant\"}}", 400),
                post("unknown field", "/consent/choices", "{\"all\":\"grant\",\"admin\":true}", 400),
                post("bad source", "/consent/choices", "{\"all\":\"grant\",\"source\":\"call-centre\"}", 400),
                post("bad language", "/consent/choices", "{\"all\":\"grant\",\"language\":\"fr\"}", 400),
                post("huge string", "/consent/choices", "{\"choices\":{\"" + "x".repeat(5000) + "\":\"grant\"}}", 400),
                new Bad("text/plain body", "POST", "/consent/choices", "text/plain", "{\"all\":\"grant\"}", List.of(), 415),
                new Bad("form body", "POST", "/consent/choices", form, "all=grant", List.of(), 415),
                new Bad("no content type", "POST", "/consent/choices", null, "{\"all\":\"grant\"}", List.of(), 415),
                post("oversized body", "/consent/choices", "{\"all\":\"grant\",\"pad\":\"" + "x".repeat(20_000) + "\"}", 413),
                post("cross-site origin", "/consent/choices", "{\"all\":\"grant\"}", 403, "Origin", "https://evil.test"),
                post("cross-site fetch", "/consent/choices", "{\"all\":\"grant\"}", 403, "Sec-Fetch-Site", "cross-site"),
                post("same-site but other origin", "/consent/choices", "{\"all\":\"grant\"}", 403, "Sec-Fetch-Site", "same-site"),
                post("null origin", "/consent/choices", "{\"all\":\"grant\"}", 403, "Origin", "null"),
                post("cross-site do-not-sell", "/consent/do-not-sell", "{}", 403, "Origin", "https://evil.test"),
                post("opt-out without sign-in", "/consent/opt-out", "{\"purpose\":\"newsletter\",\"channel\":\"email\"}", 401),
                post("opt-out unknown channel", "/consent/opt-out", "{\"purpose\":\"newsletter\",\"channel\":\"fax\"}", 400,
                        JettyShop.TEST_USER_HEADER, "alice"),
                post("opt-out purpose is a number", "/consent/opt-out", "{\"purpose\":5}", 400, JettyShop.TEST_USER_HEADER, "alice"),
                post("opt-out of a necessary purpose", "/consent/opt-out", "{\"purpose\":\"order-fulfilment\"}", 400,
                        JettyShop.TEST_USER_HEADER, "alice"),
                post("do-not-sell with a bad body", "/consent/do-not-sell", "{\"x\":", 400),
                new Bad("GET on choices", "GET", "/consent/choices", null, null, List.of(), 405),
                new Bad("unknown endpoint", "GET", "/consent/admin", null, null, List.of(), 404),
                // Jetty itself refuses encoded separators in a path, before any servlet runs.
                new Bad("path traversal to assets", "GET", "/consent/assets/..%2F..%2FWEB-INF%2Fweb.xml", null, null, List.of(), 400),
                new Bad("dot segments in assets", "GET", "/consent/assets/../../WEB-INF/web.xml", null, null, List.of(), 404),
                new Bad("unknown asset", "GET", "/consent/assets/consent.min.js", null, null, List.of(), 404),
                new Bad("header injection in lang", "GET", "/consent/policy?lang=ja%0d%0aSet-Cookie:%20x=1", null, null, List.of(), 400),
                new Bad("script in lang", "GET", "/consent/disclosure?lang=%3Cscript%3E", null, null, List.of(), 400),
                new Bad("bad disclosure format", "GET", "/consent/disclosure?format=xml", null, null, List.of(), 400),
                new Bad("forged token", "POST", "/consent/unsubscribe/" + new String(flipped), form, oneClick, List.of(), 404),
                new Bad("expired token", "POST", "/consent/unsubscribe/" + expired, form, oneClick, List.of(), 404),
                new Bad("token of another key", "POST", "/consent/unsubscribe/"
                        + stranger.issue(SubjectId.customer("alice"), "newsletter", "email"), form, oneClick, List.of(), 404),
                new Bad("token for an undeclared channel", "POST", "/consent/unsubscribe/" + wrongChannel, form, oneClick, List.of(), 404),
                new Bad("token for an unknown purpose", "POST", "/consent/unsubscribe/" + unknownPurpose, form, oneClick, List.of(), 404),
                new Bad("control characters in the token", "POST", "/consent/unsubscribe/%00%01garbage", form, oneClick, List.of(), 400),
                new Bad("garbage token", "POST", "/consent/unsubscribe/garbage.token", form, oneClick, List.of(), 404),
                new Bad("wrong one-click body", "POST", "/consent/unsubscribe/" + forgedToken, form, "foo=bar", List.of(), 400),
                new Bad("one-click value wrong", "POST", "/consent/unsubscribe/" + forgedToken, form,
                        "List-Unsubscribe=Yes", List.of(), 400),
                new Bad("one-click as JSON", "POST", "/consent/unsubscribe/" + forgedToken, JSON,
                        "{\"List-Unsubscribe\":\"One-Click\"}", List.of(), 400),
                new Bad("CSP report as text", "POST", "/consent/csp-report", "text/plain", "hello", List.of(), 415),
                new Bad("malformed CSP report", "POST", "/consent/csp-report", "application/csp-report", "{", List.of(), 400)));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestGetsAClearErrorAndChangesNothing(Bad bad) throws Exception {
        int eventsBefore = SHOP.store.eventCount();
        HttpRequest.Builder request = server.request(bad.path(), bad.headers().toArray(String[]::new));
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        request.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(bad.body()));

        HttpResponse<String> response = server.sendAlone(request.build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith("x="));
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            JsonNode problem = JsonMapper.shared().readTree(response.body());
            assertThat(problem.get("status").intValue()).isEqualTo(bad.status());
            assertThat(problem.get("title").stringValue()).isNotBlank();
            assertThat(problem.get("detail").stringValue()).isNotBlank();
        } else {
            assertThat(bad.path()).as("only the unsubscribe page and Jetty's own refusals answer other than problem+json")
                    .containsAnyOf("/unsubscribe/", "/assets/");
        }
        assertThat(SHOP.store.eventCount()).isEqualTo(eventsBefore);
    }

    @org.junit.jupiter.api.Test
    void tableHasAtLeastFortyRows() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(40);
    }
}
