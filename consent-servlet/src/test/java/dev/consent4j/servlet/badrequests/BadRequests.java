package dev.consent4j.servlet.badrequests;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.guardian.GuardianConsentToken;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.badrequests.BadRequest.Builder;
import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bad-request table: requests to every consent endpoint and through the filter that must get
 * a clear 4xx and change nothing, or, for a forged cookie on a page, be served as if no cookie
 * had been sent. One definition, run against Jetty, Tomcat and the Spring Boot app. The
 * expectations are the contract of {@code docs/http-api.md}; where a container refuses a request
 * before the servlet runs, the row says which and why.
 *
 * <p>The servers are set up alike: the test policy ({@code shop-policy.yaml}) in jurisdiction JP,
 * the endpoints under {@code /consent}, CSP reports taken at {@code /consent/csp-report},
 * personal requests on, {@code alice} a customer and {@code olga} an operator.
 */
public final class BadRequests {

    public static final String BASE = "/consent";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    private static final String CONTAINER_PATH = "the container refuses the request line (an encoded or illegal character"
            + " in the path) with its own 400 page before any filter runs";
    private static final String CONTAINER_HEADERS = "the container refuses malformed or oversized request headers itself";

    private static final String EMPTY_SEGMENT = "Jetty refuses an empty path segment as ambiguous with its own 400";

    private final Target target;
    private final Instant now;
    private final List<Builder> rows = new ArrayList<>();

    private BadRequests(Target target) {
        this.target = target;
        this.now = target.consents().clock().instant();
    }

    /** Every row, written for the server described by {@code target}. */
    public static List<BadRequest> table(Target target) {
        BadRequests table = new BadRequests(target);
        table.choices();
        table.doNotSell();
        table.optOut();
        table.guardianConsent();
        table.unsubscribe();
        table.personalRequests();
        table.operatorRequests();
        table.readOnlyEndpoints();
        table.cspReports();
        table.assets();
        table.forgedCookies();
        table.oddPaths();
        table.malformedHeaders();
        return table.rows.stream().map(Builder::build).toList();
    }

    /** A consent cookie granting everything the banner offers, signed with the server's newest key. */
    public static String grantingCookie(Target target) {
        return cookie(target.keys(), target.consents().policy().version(), target.consents().clock().instant(), true);
    }

    private Builder row(String name, String method, String path) {
        Builder row = new Builder(name, method, path);
        rows.add(row);
        return row;
    }

    private Builder get(String name, String path) {
        return row(name, "GET", path);
    }

    private Builder post(String name, String path, String type, String body) {
        return row(name, "POST", path).body(type, body);
    }

    private Builder postJson(String name, String path, String body) {
        return post(name, path, JSON, body);
    }

    private void choices() {
        String choices = BASE + "/choices";
        String deepArrays = "{\"choices\":" + "[".repeat(40) + "]".repeat(40) + "}";
        String deepObjects = "{\"choices\":{\"category:analytics\":" + "{\"a\":".repeat(30) + "1" + "}".repeat(30) + "}}";
        String valid = "{\"all\":\"grant\"}";
        // Whole bodies that are not one JSON object.
        postJson("choices: malformed JSON", choices, "{\"all\":");
        postJson("choices: an array", choices, "[\"grant\"]");
        postJson("choices: a string", choices, "\"grant\"");
        postJson("choices: a number", choices, "42");
        postJson("choices: null", choices, "null");
        postJson("choices: empty body", choices, "");
        postJson("choices: only whitespace", choices, "   \r\n ");
        postJson("choices: deeply nested arrays", choices, deepArrays);
        postJson("choices: deeply nested objects", choices, deepObjects);
        postJson("choices: duplicate keys", choices, "{\"all\":\"grant\",\"all\":\"deny\"}");
        postJson("choices: duplicate topics", choices, "{\"choices\":{\"category:analytics\":\"grant\",\"category:analytics\":\"deny\"}}");
        postJson("choices: trailing garbage", choices, valid + " x");
        postJson("choices: two objects", choices, "{\"all\":\"deny\"}" + valid);
        postJson("choices: a comment", choices, "{\"all\":\"grant\" /* yes */}");
        postJson("choices: single quotes", choices, "{'all':'grant'}");
        postJson("choices: trailing comma", choices, "{\"all\":\"grant\",}");
        postJson("choices: NaN", choices, "{\"all\":NaN}");
        postJson("choices: unquoted key", choices, "{all:\"grant\"}");
        row("choices: invalid UTF-8", "POST", choices).body(JSON, bytes("{\"all\":\"gr", 0xff, 0xfe, "ant\"}"));
        row("choices: raw control character in a string", "POST", choices).body(JSON, bytes("{\"all\":\"gr", 0x00, "ant\"}"));
        postJson("choices: huge key", choices, "{\"choices\":{\"" + "x".repeat(5000) + "\":\"grant\"}}");
        postJson("choices: number longer than allowed", choices, "{\"all\":" + "9".repeat(40) + "}");
        postJson("choices: number out of range", choices, "{\"all\":1e999999}");
        postJson("choices: choice is a huge number", choices, "{\"choices\":{\"category:analytics\":" + "1".repeat(40) + "}}");
        // The fields and their types.
        postJson("choices: both all and choices", choices, "{\"all\":\"grant\",\"choices\":{\"category:analytics\":\"grant\"}}");
        postJson("choices: neither all nor choices", choices, "{\"source\":\"banner\"}");
        postJson("choices: empty object", choices, "{}");
        postJson("choices: all is a number", choices, "{\"all\":1}");
        postJson("choices: all is a boolean", choices, "{\"all\":true}");
        postJson("choices: all is null", choices, "{\"all\":null}");
        postJson("choices: all is an array", choices, "{\"all\":[\"grant\"]}");
        postJson("choices: all is an object", choices, "{\"all\":{\"value\":\"grant\"}}");
        postJson("choices: all is unknown", choices, "{\"all\":\"maybe\"}");
        postJson("choices: all in capitals", choices, "{\"all\":\"GRANT\"}");
        postJson("choices: all is withdraw", choices, "{\"all\":\"withdraw\"}");
        postJson("choices: choices is an array", choices, "{\"choices\":[\"category:analytics\"]}");
        postJson("choices: choices is a string", choices, "{\"choices\":\"category:analytics\"}");
        postJson("choices: choices is a number", choices, "{\"choices\":7}");
        postJson("choices: choices is null", choices, "{\"choices\":null}");
        postJson("choices: choices is empty", choices, "{\"choices\":{}}");
        postJson("choices: action is a boolean", choices, "{\"choices\":{\"category:analytics\":true}}");
        postJson("choices: action is a number", choices, "{\"choices\":{\"category:analytics\":1}}");
        postJson("choices: action is null", choices, "{\"choices\":{\"category:analytics\":null}}");
        postJson("choices: action is an array", choices, "{\"choices\":{\"category:analytics\":[\"grant\"]}}");
        postJson("choices: action is an object", choices, "{\"choices\":{\"category:analytics\":{\"action\":\"grant\"}}}");
        postJson("choices: unknown action", choices, "{\"choices\":{\"category:analytics\":\"accept\"}}");
        postJson("choices: unknown category", choices, "{\"choices\":{\"category:social\":\"grant\"}}");
        postJson("choices: unknown purpose", choices, "{\"choices\":{\"purpose:resale\":\"grant\"}}");
        postJson("choices: topic without a kind", choices, "{\"choices\":{\"analytics\":\"grant\"}}");
        postJson("choices: topic with an empty id", choices, "{\"choices\":{\"category:\":\"grant\"}}");
        postJson("choices: topic of an unknown kind", choices, "{\"choices\":{\"tracker:ad-tag\":\"grant\"}}");
        postJson("choices: empty topic", choices, "{\"choices\":{\"\":\"grant\"}}");
        postJson("choices: denying a necessary category", choices, "{\"choices\":{\"category:necessary\":\"deny\"}}");
        postJson("choices: denying a necessary purpose", choices, "{\"choices\":{\"purpose:order-fulfilment\":\"deny\"}}");
        postJson("choices: one bad among good", choices, "{\"choices\":{\"category:analytics\":\"grant\",\"category:x\":\"grant\"}}");
        postJson("choices: channel choice by a visitor", choices, "{\"choices\":{\"purpose:newsletter:email\":\"grant\"}}");
        postJson("choices: unknown channel by a customer", choices, "{\"choices\":{\"purpose:newsletter:fax\":\"grant\"}}")
                .as(Caller.CUSTOMER);
        postJson("choices: unknown field", choices, "{\"all\":\"grant\",\"admin\":true}");
        postJson("choices: prototype-pollution field", choices, "{\"all\":\"grant\",\"__proto__\":{\"admin\":true}}");
        postJson("choices: bad source", choices, "{\"all\":\"grant\",\"source\":\"call-centre\"}");
        postJson("choices: unknown outcome", choices, "{\"all\":\"grant\",\"outcome\":\"accept\"}");
        postJson("choices: outcome is a number", choices, "{\"all\":\"grant\",\"outcome\":1}");
        postJson("choices: accept-all with all deny", choices, "{\"all\":\"deny\",\"outcome\":\"accept-all\"}");
        postJson("choices: reject-all with choices", choices,
                "{\"choices\":{\"category:analytics\":\"deny\"},\"outcome\":\"reject-all\"}");
        postJson("choices: custom with all", choices, "{\"all\":\"grant\",\"outcome\":\"custom\"}");
        postJson("choices: source is a number", choices, "{\"all\":\"grant\",\"source\":1}");
        postJson("choices: source is null", choices, "{\"all\":\"grant\",\"source\":null}");
        postJson("choices: bad language", choices, "{\"all\":\"grant\",\"language\":\"fr\"}");
        postJson("choices: language is a number", choices, "{\"all\":\"grant\",\"language\":81}");
        postJson("choices: language is an array", choices, "{\"all\":\"grant\",\"language\":[\"ja\"]}");
        // Media types and sizes.
        post("choices: text/plain body", choices, "text/plain", valid).problem(415);
        post("choices: form body", choices, FORM, "all=grant").problem(415);
        post("choices: multipart body", choices, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"all\"\r\n\r\ngrant\r\n--x--\r\n").problem(415);
        post("choices: no content type", choices, null, valid).problem(415);
        post("choices: empty content type", choices, "", valid).problem(415);
        post("choices: text/json", choices, "text/json", valid).problem(415);
        post("choices: a JSON patch", choices, "application/json-patch+json", valid).problem(415);
        post("choices: application/jsonx", choices, "application/jsonx", valid).problem(415);
        post("choices: Latin-1 charset", choices, "application/json; charset=ISO-8859-1", valid).problem(415);
        post("choices: UTF-16 charset on a UTF-8 body", choices, "application/json; charset=utf-16", valid).problem(415);
        post("choices: unknown charset", choices, "application/json; charset=klingon", valid).problem(415);
        post("choices: empty charset", choices, "application/json; charset=", valid).problem(415);
        row("choices: content type sent twice, the first not JSON", "POST", choices)
                .header("Content-Type", "text/plain").body(JSON, valid).problem(415);
        postJson("choices: oversized body", choices, "{\"all\":\"grant\",\"pad\":\"" + "x".repeat(20_000) + "\"}").problem(413);
        postJson("choices: oversized chunked body", choices, "{\"all\":\"grant\",\"pad\":\"" + "x".repeat(20_000) + "\"}")
                .header("Transfer-Encoding", "chunked").problem(413);
        // Cross-site requests.
        postJson("choices: cross-site origin", choices, valid).header("Origin", "https://evil.test").problem(403);
        postJson("choices: cross-site fetch", choices, valid).header("Sec-Fetch-Site", "cross-site").problem(403);
        postJson("choices: same-site but another origin", choices, valid).header("Sec-Fetch-Site", "same-site").problem(403);
        postJson("choices: unknown Sec-Fetch-Site", choices, valid).header("Sec-Fetch-Site", "maybe").problem(403);
        postJson("choices: Sec-Fetch-Site cross-site despite a same Origin", choices, valid)
                .header("Sec-Fetch-Site", "cross-site").header("Origin", "http://127.0.0.1:{port}").problem(403);
        postJson("choices: null origin", choices, valid).header("Origin", "null").problem(403);
        postJson("choices: origin on another port", choices, valid).header("Origin", "http://127.0.0.1:1").problem(403);
        postJson("choices: origin with another scheme", choices, valid).header("Origin", "https://127.0.0.1:{port}").problem(403);
        postJson("choices: origin without a host", choices, valid).header("Origin", "http://").problem(403);
        postJson("choices: origin hiding a host behind userinfo", choices, valid)
                .header("Origin", "http://127.0.0.1:{port}@evil.test").problem(403);
        postJson("choices: origin that is not a URI", choices, valid).header("Origin", "http://exa mple.test").problem(403);
        // Methods.
        for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            row("choices: " + method, method, choices).problem(405);
        }
        row("choices: PROPFIND", "PROPFIND", choices).problem(405)
                .refusedBy(Server.SPRING, "Spring Security's firewall refuses methods outside its list with 400");
        row("choices: TRACE", "TRACE", choices).problem(405)
                .refusedByAll("containers answer TRACE themselves (Tomcat refuses it with 405, Jetty's servlet default too)");
    }

    private void doNotSell() {
        String path = BASE + "/do-not-sell";
        postJson("do-not-sell: cross-site origin", path, "{}").header("Origin", "https://evil.test").problem(403);
        postJson("do-not-sell: cross-site fetch", path, "{}").header("Sec-Fetch-Site", "cross-site").problem(403);
        row("do-not-sell: cross-site without a body", "POST", path).header("Origin", "https://evil.test").problem(403);
        postJson("do-not-sell: null origin", path, "{}").header("Origin", "null").problem(403);
        postJson("do-not-sell: malformed body", path, "{\"x\":");
        postJson("do-not-sell: an array", path, "[]");
        postJson("do-not-sell: null", path, "null");
        postJson("do-not-sell: unknown field", path, "{\"purposes\":[\"targeted-ads\"]}");
        post("do-not-sell: text/plain body", path, "text/plain", "{}").problem(415);
        post("do-not-sell: form body", path, FORM, "x=1").problem(415);
        post("do-not-sell: Latin-1 charset", path, "application/json; charset=iso-8859-1", "{}").problem(415);
        postJson("do-not-sell: oversized body", path, "{\"pad\":\"" + "x".repeat(20_000) + "\"}").problem(413);
        for (String method : List.of("GET", "PUT", "DELETE")) {
            row("do-not-sell: " + method, method, path).problem(405);
        }
    }

    private void optOut() {
        String path = BASE + "/opt-out";
        String valid = "{\"purpose\":\"newsletter\",\"channel\":\"email\"}";
        postJson("opt-out: without sign-in", path, valid).problem(401);
        postJson("opt-out: unknown channel", path, "{\"purpose\":\"newsletter\",\"channel\":\"fax\"}").as(Caller.CUSTOMER);
        postJson("opt-out: channel of a purpose without channels", path, "{\"purpose\":\"targeted-ads\",\"channel\":\"email\"}")
                .as(Caller.CUSTOMER);
        postJson("opt-out: unknown purpose", path, "{\"purpose\":\"resale\"}").as(Caller.CUSTOMER);
        postJson("opt-out: necessary purpose", path, "{\"purpose\":\"order-fulfilment\"}").as(Caller.CUSTOMER);
        postJson("opt-out: no purpose", path, "{\"channel\":\"email\"}").as(Caller.CUSTOMER);
        postJson("opt-out: purpose is a number", path, "{\"purpose\":5}").as(Caller.CUSTOMER);
        postJson("opt-out: purpose is null", path, "{\"purpose\":null}").as(Caller.CUSTOMER);
        postJson("opt-out: purpose is an array", path, "{\"purpose\":[\"newsletter\"]}").as(Caller.CUSTOMER);
        postJson("opt-out: purpose is empty", path, "{\"purpose\":\"\"}").as(Caller.CUSTOMER);
        postJson("opt-out: channel is a number", path, "{\"purpose\":\"newsletter\",\"channel\":1}").as(Caller.CUSTOMER);
        postJson("opt-out: channel is an object", path, "{\"purpose\":\"newsletter\",\"channel\":{}}").as(Caller.CUSTOMER);
        postJson("opt-out: unknown action", path, "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"stop\"}")
                .as(Caller.CUSTOMER);
        postJson("opt-out: action is a boolean", path, "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":false}")
                .as(Caller.CUSTOMER);
        postJson("opt-out: action is null", path, "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":null}")
                .as(Caller.CUSTOMER);
        postJson("opt-out: unknown field", path, "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"subject\":\"c:bob\"}")
                .as(Caller.CUSTOMER);
        postJson("opt-out: malformed JSON", path, "{\"purpose\":").as(Caller.CUSTOMER);
        postJson("opt-out: an array", path, "[\"newsletter\"]").as(Caller.CUSTOMER);
        postJson("opt-out: duplicate keys", path, "{\"purpose\":\"newsletter\",\"purpose\":\"targeted-ads\"}").as(Caller.CUSTOMER);
        post("opt-out: text/plain body", path, "text/plain", valid).as(Caller.CUSTOMER).problem(415);
        post("opt-out: UTF-16 charset", path, "application/json;charset=UTF-16", valid).as(Caller.CUSTOMER).problem(415);
        postJson("opt-out: oversized body", path, "{\"purpose\":\"" + "n".repeat(20_000) + "\"}").as(Caller.CUSTOMER).problem(413);
        postJson("opt-out: cross-site", path, valid).as(Caller.CUSTOMER).header("Origin", "https://evil.test").problem(403);
        postJson("opt-out: cross-site fetch", path, valid).as(Caller.CUSTOMER).header("Sec-Fetch-Site", "cross-site").problem(403);
        for (String method : List.of("GET", "PUT")) {
            row("opt-out: " + method, method, path).as(Caller.CUSTOMER).problem(405);
        }
    }

    private void guardianConsent() {
        String path = BASE + "/guardian-consent";
        String valid = "{\"choices\":{\"purpose:newsletter\":\"grant\"}}";
        // The servers take a guardian's consent only through a link: the minor's own session is refused.
        postJson("guardian-consent: from the minor's session", path, valid).as(Caller.CUSTOMER).problem(403);
        postJson("guardian-consent: from a visitor's session", path, valid).problem(403);
        get("guardian-consent: no token", path).problem(400);
        for (String method : List.of("PUT", "DELETE")) {
            row("guardian-consent: " + method, method, path).as(Caller.CUSTOMER).problem(405);
        }
        GuardianConsentTokens tokens = target.guardianTokens();
        SubjectId alice = SubjectId.customer("alice");
        List<Topic> newsletter = List.of(Topic.purpose("newsletter"));
        String good = tokens.issue(alice, newsletter, "guardian@example.test", "alice");
        char[] flipped = good.toCharArray();
        flipped[good.length() - 5] = flipped[good.length() - 5] == 'A' ? 'B' : 'A';
        String forged = new String(flipped);
        String expired = new GuardianConsentTokens(target.keys(), Clock.fixed(now.minus(Duration.ofDays(8)), ZoneOffset.UTC))
                .issue(alice, newsletter, "guardian@example.test", "alice");
        String stranger = new GuardianConsentTokens(SigningKeys.of(strangerKey(target.keys().current().id())),
                target.consents().clock()).issue(alice, newsletter, "guardian@example.test", "alice");
        String unknownPurpose = tokens.issue(alice, List.of(Topic.purpose("no-such-purpose")), "guardian@example.test", "alice");
        String used = usedGuardianToken(tokens, alice, newsletter);
        String answer = "purpose%3Anewsletter=grant";
        String at = path + "?token=";
        post("guardian link: forged token", at + forged, FORM, answer).problem(400);
        post("guardian link: expired token", at + expired, FORM, answer).problem(410);
        post("guardian link: used token", at + used, FORM, answer).problem(409);
        post("guardian link: token of another key", at + stranger, FORM, answer).problem(400);
        post("guardian link: token with the format changed", at + "u" + good.substring(1), FORM, answer).problem(400);
        post("guardian link: an unsubscribe token", at + target.tokens().issue(alice, "newsletter", "email"), FORM, answer)
                .problem(400);
        post("guardian link: garbage token", at + "garbage.token", FORM, answer).problem(400);
        post("guardian link: empty token", at, FORM, answer).problem(400);
        post("guardian link: oversized token", at + "g.k2." + "A".repeat(3000) + ".x", FORM, answer).problem(400);
        post("guardian link: malformed percent-encoding in the token", at + "g%zz", FORM, answer).problem(400);
        post("guardian link: token given twice", at + good + "&token=" + good, FORM, answer).problem(400);
        post("guardian link: another query parameter", at + good + "&next=/", FORM, answer).problem(400);
        post("guardian link: a token for a purpose the policy lacks", at + unknownPurpose, FORM,
                "purpose%3Ano-such-purpose=grant").problem(409);
        String trusted = "guardian link: a good token, ";
        post(trusted + "cross-site", at + good, FORM, answer).header("Origin", "https://evil.test").problem(403);
        post(trusted + "cross-site fetch", at + good, FORM, answer).header("Sec-Fetch-Site", "cross-site").problem(403);
        post(trusted + "JSON body", at + good, JSON, "{\"purpose:newsletter\":\"grant\"}").problem(415);
        post(trusted + "no content type", at + good, null, answer).problem(415);
        post(trusted + "no answer", at + good, FORM, "").problem(400);
        post(trusted + "answer neither grant nor deny", at + good, FORM, "purpose%3Anewsletter=yes").problem(400);
        post(trusted + "an object instead of a refusal", at + good, FORM, "purpose%3Anewsletter=object").problem(400);
        post(trusted + "a purpose the link does not ask about", at + good, FORM, answer + "&purpose%3Atargeted-ads=grant")
                .problem(400);
        post(trusted + "the answer twice", at + good, FORM, answer + "&" + answer).problem(400);
        post(trusted + "unknown language", at + good, FORM, answer + "&language=fr").problem(400);
        post(trusted + "malformed form", at + good, FORM, answer + "&%zz=1").problem(400);
        post(trusted + "oversized body", at + good, FORM, answer + "&x=" + "n".repeat(20_000)).problem(413);
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            row(trusted + method, method, at + good).problem(405);
        }
        get("guardian page: forged token", at + forged).page(400);
        get("guardian page: expired token", at + expired).page(410);
        get("guardian page: used token", at + used).page(409);
        get("guardian page: garbage token", at + "garbage").page(400);
    }

    /** A token whose answers are already recorded (the table's set-up, before any row runs), as the endpoint records them. */
    private String usedGuardianToken(GuardianConsentTokens tokens, SubjectId subject, List<Topic> topics) {
        GuardianConsentToken token = tokens.issueToken(subject, topics, "guardian@example.test", "alice");
        target.consents().recordOnce(token.id(), ChoiceRequest.byGuardian(subject, Map.of(topics.get(0), Action.GRANT),
                Jurisdiction.JP, new Evidence(token.evidenceReference(), "ja", null, null)));
        return tokens.seal(token);
    }

    private void unsubscribe() {
        String base = BASE + "/unsubscribe/";
        UnsubscribeTokens tokens = target.tokens();
        SubjectId alice = SubjectId.customer("alice");
        String good = tokens.issue(alice, "newsletter", "email");
        char[] flipped = good.toCharArray();
        flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
        String forged = new String(flipped);
        String expired = new UnsubscribeTokens(target.keys(), Clock.fixed(now.minus(Duration.ofDays(2)), ZoneOffset.UTC),
                Duration.ofSeconds(1)).issue(alice, "newsletter", "email");
        String stranger = new UnsubscribeTokens(SigningKeys.of(strangerKey(target.keys().current().id())), target.consents().clock())
                .issue(alice, "newsletter", "email");
        String undeclaredChannel = tokens.issue(alice, "newsletter", "sms");
        String unknownPurpose = tokens.issue(alice, "no-such-purpose", "email");
        String trusted = "a signed token for alice's newsletter by e-mail: ";
        post("unsubscribe: forged token", base + forged, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: expired token", base + expired, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: token of another key", base + stranger, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: token for an undeclared channel", base + undeclaredChannel, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: token for an unknown purpose", base + unknownPurpose, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: garbage token", base + "garbage.token", FORM, ONE_CLICK).problem(404);
        post("unsubscribe: empty token", base, FORM, ONE_CLICK).problem(404);
        post("unsubscribe: overlong token", base + "u." + "A".repeat(3000), FORM, ONE_CLICK).problem(404);
        post("unsubscribe: token with the format changed", base + "x" + good.substring(1), FORM, ONE_CLICK).problem(404);
        post("unsubscribe: control characters in the token", base + "%00%01garbage", FORM, ONE_CLICK)
                .refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH).refusedBy(Server.JETTY, CONTAINER_PATH);
        post("unsubscribe: header injection in the token", base + "x%0d%0aSet-Cookie:%20x=1", FORM, ONE_CLICK)
                .refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH).refusedBy(Server.JETTY, CONTAINER_PATH);
        post("unsubscribe: " + trusted + "wrong body", base + good, FORM, "foo=bar");
        post("unsubscribe: " + trusted + "one-click value wrong", base + good, FORM, "List-Unsubscribe=Yes");
        post("unsubscribe: " + trusted + "one-click as JSON", base + good, JSON, "{\"List-Unsubscribe\":\"One-Click\"}");
        post("unsubscribe: " + trusted + "one-click as text", base + good, "text/plain", ONE_CLICK);
        post("unsubscribe: " + trusted + "empty body", base + good, FORM, "");
        post("unsubscribe: " + trusted + "no content type", base + good, null, ONE_CLICK);
        post("unsubscribe: " + trusted + "bad percent-encoding", base + good, FORM, "List-Unsubscribe=One-Click%");
        post("unsubscribe: " + trusted + "multipart without a boundary", base + good, "multipart/form-data",
                "--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n");
        post("unsubscribe: " + trusted + "multipart with another value", base + good, "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nNo\r\n--x--\r\n");
        post("unsubscribe: " + trusted + "oversized body", base + good, FORM, ONE_CLICK + "&pad=" + "x".repeat(20_000)).problem(413);
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            row("unsubscribe: " + trusted + method, method, base + good).body(FORM, ONE_CLICK).problem(405);
        }
        post("unsubscribe: " + trusted + "script in lang", base + good + "?lang=%3Cscript%3E", FORM, ONE_CLICK);
        // The page people open from mail: an HTML page, never problem+json, and it changes nothing.
        get("unsubscribe page: forged token", base + forged).page(404);
        get("unsubscribe page: expired token", base + expired).page(404);
        get("unsubscribe page: garbage token", base + "garbage").page(404);
        row("unsubscribe page: HEAD with a forged token", "HEAD", base + forged).page(404);
        get("unsubscribe page: " + trusted + "a link scanner's prefetch only shows the button", base + good).page(200);
        get("unsubscribe page: script in lang", base + good + "?lang=%3Cscript%3E");
    }

    private void personalRequests() {
        String path = BASE + "/requests";
        String valid = "{\"kind\":\"disclosure\"}";
        postJson("requests: without sign-in", path, valid).problem(401);
        get("requests: listing without sign-in", path).problem(401);
        postJson("requests: malformed JSON", path, "{\"kind\":").as(Caller.CUSTOMER);
        postJson("requests: an array", path, "[\"disclosure\"]").as(Caller.CUSTOMER);
        postJson("requests: unknown kind", path, "{\"kind\":\"forget-me-not\"}").as(Caller.CUSTOMER);
        postJson("requests: kind in capitals", path, "{\"kind\":\"DISCLOSURE\"}").as(Caller.CUSTOMER);
        postJson("requests: kind is a number", path, "{\"kind\":2}").as(Caller.CUSTOMER);
        postJson("requests: kind is null", path, "{\"kind\":null}").as(Caller.CUSTOMER);
        postJson("requests: no kind", path, "{\"details\":\"hello\"}").as(Caller.CUSTOMER);
        postJson("requests: targets is a string", path, "{\"kind\":\"stop-use\",\"targets\":\"newsletter\"}").as(Caller.CUSTOMER);
        postJson("requests: a target is a number", path, "{\"kind\":\"stop-use\",\"targets\":[\"newsletter\",3]}").as(Caller.CUSTOMER);
        postJson("requests: targets is an object", path, "{\"kind\":\"stop-use\",\"targets\":{\"newsletter\":true}}")
                .as(Caller.CUSTOMER);
        postJson("requests: unknown target", path, "{\"kind\":\"stop-use\",\"targets\":[\"no-such-purpose\"]}").as(Caller.CUSTOMER);
        postJson("requests: details is a number", path, "{\"kind\":\"disclosure\",\"details\":12}").as(Caller.CUSTOMER);
        postJson("requests: details is an array", path, "{\"kind\":\"disclosure\",\"details\":[\"a\"]}").as(Caller.CUSTOMER);
        postJson("requests: details too long", path, "{\"kind\":\"disclosure\",\"details\":\"" + "d".repeat(2001) + "\"}")
                .as(Caller.CUSTOMER);
        postJson("requests: unknown field", path, "{\"kind\":\"disclosure\",\"subject\":\"c:bob\"}").as(Caller.CUSTOMER);
        post("requests: text/plain body", path, "text/plain", valid).as(Caller.CUSTOMER).problem(415);
        post("requests: Latin-1 charset", path, "application/json; charset=latin1", valid).as(Caller.CUSTOMER).problem(415);
        postJson("requests: oversized body", path, "{\"kind\":\"disclosure\",\"details\":\"" + "d".repeat(20_000) + "\"}")
                .as(Caller.CUSTOMER).problem(413);
        postJson("requests: cross-site", path, valid).as(Caller.CUSTOMER).header("Origin", "https://evil.test").problem(403);
        postJson("requests: cross-site fetch", path, valid).as(Caller.CUSTOMER).header("Sec-Fetch-Site", "same-site").problem(403);
        for (String method : List.of("PUT", "DELETE")) {
            row("requests: " + method, method, path).as(Caller.CUSTOMER).problem(405);
        }
    }

    private void operatorRequests() {
        String list = BASE + "/operator/requests";
        String unknown = list + "/" + UUID.nameUUIDFromBytes("no such request".getBytes(StandardCharsets.UTF_8));
        get("operator: listing by a customer", list).as(Caller.CUSTOMER).problem(403);
        get("operator: listing by a visitor", list).problem(403);
        postJson("operator: moving a request as a customer", unknown, "{\"action\":\"complete\"}").as(Caller.CUSTOMER).problem(403);
        get("operator: unknown filter", list + "?filter=closed").as(Caller.OPERATOR);
        postJson("operator: id that is not a UUID", list + "/not-a-uuid", "{\"action\":\"complete\"}").as(Caller.OPERATOR).problem(404);
        postJson("operator: unknown request", unknown, "{\"action\":\"complete\"}").as(Caller.OPERATOR).problem(404);
        postJson("operator: malformed JSON", unknown, "{\"action\":").as(Caller.OPERATOR);
        post("operator: text/plain body", unknown, "text/plain", "{\"action\":\"complete\"}").as(Caller.OPERATOR).problem(415);
        postJson("operator: cross-site", unknown, "{\"action\":\"complete\"}").as(Caller.OPERATOR)
                .header("Origin", "https://evil.test").problem(403);
        row("operator: DELETE on the list", "DELETE", list).as(Caller.OPERATOR).problem(405);
        row("operator: GET on a request", "GET", unknown).as(Caller.OPERATOR).problem(405);
    }

    private void readOnlyEndpoints() {
        for (String endpoint : List.of("/policy", "/state", "/disclosure", "/export")) {
            for (String method : List.of("POST", "PUT", "DELETE")) {
                row(endpoint.substring(1) + ": " + method, method, BASE + endpoint).body(JSON, "{}").problem(405);
            }
        }
        for (String method : List.of("POST", "DELETE")) {
            row("gpc.json: " + method, method, "/.well-known/gpc.json").problem(405).refusedBy(Server.SPRING,
                    "Spring Security's CSRF protection refuses a " + method + " without a token (403) before the servlet:"
                            + " the test app exempts only /consent/**, as a shop would");
        }
        String policy = BASE + "/policy";
        get("policy: header injection in lang", policy + "?lang=ja%0d%0aSet-Cookie:%20x=1");
        get("policy: script in lang", policy + "?lang=%3Cscript%3E");
        get("policy: empty lang", policy + "?lang=");
        get("policy: overlong lang", policy + "?lang=" + "ja-" + "abcdefgh-".repeat(5) + "x");
        get("policy: broken percent-encoding in lang", policy + "?lang=%E3%8");
        get("policy: non-ASCII lang", policy + "?lang=%E6%97%A5%E6%9C%AC");
        get("policy: forged cookie is ignored", policy).header("Cookie", "consent=" + forgedSignature()).served();
        get("policy: overlong Accept-Language is ignored", policy).header("Accept-Language", "ja;q=0.1, ".repeat(80) + "en")
                .served();
        get("state: more languages than Tomcat parses (maxLocaleCount)", BASE + "/state")
                .header("Accept-Language", "ja, en, fr, de, es, it, pt, nl, sv, da, fi, no, ko, zh").servedUndecided();
        String disclosure = BASE + "/disclosure";
        get("disclosure: unknown format", disclosure + "?format=xml");
        get("disclosure: format in capitals", disclosure + "?format=JSON");
        get("disclosure: empty format", disclosure + "?format=");
        get("disclosure: script in lang", disclosure + "?lang=%3Cscript%3E&format=json");
        get("export: forged cookie is ignored", BASE + "/export").header("Cookie", "consent=" + forgedSignature()).served();
    }

    private void cspReports() {
        String path = BASE + "/csp-report";
        post("csp-report: text/plain", path, "text/plain", "hello").problem(415);
        post("csp-report: form", path, FORM, "a=b").problem(415);
        row("csp-report: no content type", "POST", path).body(null, "{}".getBytes(StandardCharsets.UTF_8)).problem(415);
        post("csp-report: malformed report", path, "application/csp-report", "{");
        row("csp-report: invalid UTF-8", "POST", path).body("application/reports+json", bytes("[{\"type\":\"", 0xc3, 0x28, "\"}]"));
        post("csp-report: deeply nested", path, "application/reports+json", "[".repeat(5000) + "]".repeat(5000));
        post("csp-report: oversized", path, "application/csp-report",
                "{\"csp-report\":{\"blocked-uri\":\"https://" + "x".repeat(20_000) + ".test/\"}}").problem(413);
        for (String method : List.of("GET", "PUT")) {
            row("csp-report: " + method, method, path).problem(405);
        }
    }

    private void assets() {
        String assets = BASE + "/assets/";
        get("assets: unknown asset", assets + "consent.min.js").problem(404);
        get("assets: name in capitals", assets + "CONSENT.JS").problem(404);
        get("assets: no name", assets).problem(404);
        get("assets: trailing slash", assets + "consent.js/").problem(404);
        get("assets: a class file", assets + "../../dev/consent4j/servlet/ConsentEndpoints.class")
                .refusedByAll("the container resolves the dot segments to a path outside the consent servlet and answers"
                        + " its own 404");
        get("assets: encoded traversal", assets + "..%2F..%2FWEB-INF%2Fweb.xml")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH)
                .refusedBy(Server.SPRING, CONTAINER_PATH);
        get("assets: encoded backslash traversal", assets + "..%5C..%5Cpom.xml")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH)
                .refusedBy(Server.SPRING, CONTAINER_PATH);
        get("assets: NUL after the name", assets + "consent.js%00.html")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH)
                .refusedBy(Server.SPRING, CONTAINER_PATH);
        row("assets: POST", "POST", assets + "consent.js").problem(405);
        row("assets: DELETE", "DELETE", assets + "consent.css").problem(405);
    }

    /** Forged or unusable consent cookies: never an error on a page, just no cookie. */
    private void forgedCookies() {
        String state = BASE + "/state";
        SigningKeys keys = target.keys();
        String version = target.consents().policy().version();
        String good = cookie(keys, version, now, true);
        String other = cookie(keys, version, now, false);
        String[] goodParts = good.split("\\.");
        String[] otherParts = other.split("\\.");
        String keyId = keys.current().id();
        Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("signature changed", forgedSignature());
        forged.put("payload of one cookie, signature of another",
                goodParts[0] + "." + goodParts[1] + "." + goodParts[2] + "." + otherParts[3]);
        forged.put("signed with an unknown key id", cookie(SigningKeys.of(strangerKey("zz")), version, now, true));
        forged.put("signed with another secret under the shop's key id", cookie(SigningKeys.of(strangerKey(keyId)), version, now, true));
        forged.put("expired", cookie(keys, version, now.minus(Duration.ofDays(400)), true));
        forged.put("issued in the future", cookie(keys, version, now.plus(Duration.ofDays(10)), true));
        forged.put("format changed to 1", "1" + good.substring(1));
        forged.put("unknown format", "9" + good.substring(1));
        forged.put("truncated", good.substring(0, good.length() - 5));
        forged.put("signature removed", good.substring(0, good.lastIndexOf('.')));
        forged.put("garbage", "abc");
        forged.put("empty", "");
        forged.put("dots only", "...");
        forged.put("oversized", good + "A".repeat(3000));
        forged.put("quoted forgery", "\"" + forgedSignature() + "\"");
        forged.put("base64 padding added", good + "==");
        for (Map.Entry<String, String> cookie : forged.entrySet()) {
            get("forged cookie: " + cookie.getKey(), state).header("Cookie", "consent=" + cookie.getValue()).servedUndecided();
        }
        get("forged cookie: two forged consent cookies", state)
                .header("Cookie", "consent=" + forgedSignature() + "; consent=abc").servedUndecided();
        get("forged cookie: in a second Cookie header", state)
                .header("Cookie", "_ga=1").header("Cookie", "consent=" + forgedSignature()).servedUndecided();
        get("forged cookie: among many other cookies", state)
                .header("Cookie", "a=1; b=2; consent=" + forgedSignature() + "; c=3").servedUndecided();
        get("forged cookie: control characters", state).header("Cookie", "consent=2." + keyId + ".\u0001\u0002.x")
                .servedUndecided().refusedByAll(CONTAINER_HEADERS);
        get("forged cookie: non-ASCII", state).header("Cookie", "consent=2." + keyId + ".\u3042\u3044.\u3046")
                .servedUndecided().refusedByAll(CONTAINER_HEADERS);
        get("forged cookie: signed in customer", state).as(Caller.CUSTOMER)
                .header("Cookie", "consent=" + forgedSignature()).served();
        postJson("forged cookie: with a malformed choice", BASE + "/choices", "{\"all\":")
                .header("Cookie", "consent=" + forgedSignature());
        postJson("forged cookie: with a cross-site choice", BASE + "/choices", "{\"all\":\"grant\"}")
                .header("Cookie", "consent=" + forgedSignature()).header("Origin", "https://evil.test").problem(403);
    }

    private void oddPaths() {
        get("odd path: doubled slashes", "//consent//state").refusedBy(Server.JETTY, EMPTY_SEGMENT);
        get("odd path: doubled slash inside", BASE + "//state").refusedBy(Server.JETTY, EMPTY_SEGMENT);
        get("odd path: dot segment", BASE + "/./state");
        get("odd path: dot-dot segment", BASE + "/x/../state");
        get("odd path: dot-dot out of the base and back", BASE + "/../consent/state");
        get("odd path: from gpc.json to state", "/.well-known/gpc.json/../../consent/state");
        get("odd path: doubled slashes to gpc.json", "//.well-known//gpc.json").refusedBy(Server.JETTY, EMPTY_SEGMENT);
        get("odd path: path parameter", BASE + "/state;jsessionid=x");
        get("odd path: path parameter on the base", BASE + ";x=1/state");
        get("odd path: encoded dot segment", BASE + "/%2e/state")
                .refusedBy(Server.JETTY, "Jetty refuses an encoded dot segment as ambiguous (400)");
        get("odd path: encoded dot-dot segment", BASE + "/x/%2E%2E/state")
                .refusedBy(Server.JETTY, "Jetty refuses an encoded dot segment as ambiguous (400)");
        get("odd path: encoded slash", BASE + "%2Fstate")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: encoded percent", BASE + "/st%25ate")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: backslash", BASE + "\\state")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: encoded NUL", BASE + "/state%00")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: encoded CR LF (header injection)", BASE + "/state%0d%0aSet-Cookie:%20consent=x")
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: unknown endpoint", BASE + "/admin").problem(404);
        get("odd path: the base itself", BASE).problem(404);
        get("odd path: the base with a slash", BASE + "/").problem(404);
        get("odd path: endpoint in capitals", BASE + "/STATE").problem(404);
        get("odd path: endpoint with a trailing slash", BASE + "/state/").problem(404);
        get("odd path: endpoint with an extension", BASE + "/state.json").problem(404);
        get("odd path: encoded non-ASCII", BASE + "/%E7%8A%B6%E6%85%8B").problem(404);
        get("odd path: raw non-ASCII", BASE + "/\u72b6\u614b").problem(404)
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: invalid UTF-8 encoded", BASE + "/%C3%28").problem(404)
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        get("odd path: long", BASE + "/" + "a".repeat(4000)).problem(404);
        get("odd path: overlong", BASE + "/" + "a".repeat(20_000)).problem(414)
                .refusedByAll("the request line is larger than the container's header buffer (8 KiB): 414 or 400 from the container");
        get("odd path: raw control character", BASE + "/sta\u0001te").problem(404)
                .refusedBy(Server.JETTY, CONTAINER_PATH).refusedBy(Server.TOMCAT, CONTAINER_PATH).refusedBy(Server.SPRING, CONTAINER_PATH);
        row("odd path: POST with dot segments", "POST", BASE + "/x/../choices").body(JSON, "{\"all\":\"grant\"}");
        row("odd path: POST with doubled slashes", "POST", "/consent//choices").body(JSON, "{\"all\":\"grant\"}").refusedBy(Server.JETTY, EMPTY_SEGMENT);
        row("odd path: POST with a path parameter", "POST", BASE + "/choices;x=1").body(JSON, "{\"all\":\"grant\"}");
    }

    /** Requests the containers refuse for their headers; should one pass, it must change nothing. */
    private void malformedHeaders() {
        String state = BASE + "/state";
        get("headers: a second Host", state).header("Host", "evil.test").servedUndecided().refusedByAll(CONTAINER_HEADERS);
        get("headers: a folded header line", state).line("X-Folded: a").line(" b").servedUndecided()
                .refusedByAll(CONTAINER_HEADERS);
        get("headers: header without a colon", state).line("NoColonHere").servedUndecided().refusedByAll(CONTAINER_HEADERS);
        get("headers: space before the colon", state).line("Cookie : consent=x").servedUndecided()
                .refusedByAll(CONTAINER_HEADERS);
        row("headers: Content-Length not a number", "POST", BASE + "/choices").line("Content-Type: application/json")
                .line("Content-Length: ten").refusedByAll(CONTAINER_HEADERS);
        row("headers: Content-Length and chunked together", "POST", BASE + "/choices").line("Content-Length: 3")
                .body(JSON, "{\"all\":").header("Transfer-Encoding", "chunked").refusedByAll(CONTAINER_HEADERS);
        get("headers: huge header", state).header("X-Pad", "p".repeat(20_000)).servedUndecided().refusedByAll(CONTAINER_HEADERS);
        get("headers: too many cookies", state)
                .header("Cookie", String.join("; ", java.util.stream.IntStream.range(0, 250).mapToObj(i -> "c" + i + "=1").toList()))
                .servedUndecided().refusedBy(Server.TOMCAT, "Tomcat refuses more than 200 cookies (maxCookieCount) with 400")
                .refusedBy(Server.SPRING, "Tomcat refuses more than 200 cookies (maxCookieCount) with 400");
        get("headers: Sec-GPC that is not 1, with a forged cookie", BASE + "/policy").header("Sec-GPC", "yes")
                .header("Cookie", "consent=" + forgedSignature()).served();
    }

    /** The shop's granting cookie with one character of its signature changed. */
    private String forgedSignature() {
        String good = cookie(target.keys(), target.consents().policy().version(), now, true);
        char last = good.charAt(good.length() - 2);
        return good.substring(0, good.length() - 2) + (last == 'A' ? 'B' : 'A') + good.charAt(good.length() - 1);
    }

    private static String cookie(SigningKeys keys, String version, Instant madeAt, boolean grant) {
        Action action = grant ? Action.GRANT : Action.DENY;
        ConsentCookie cookie = ConsentCookie.of(SubjectId.newVisitor(), version, madeAt,
                Map.of(Topic.category("analytics"), action, Topic.category("advertising"), action,
                        Topic.purpose("targeted-ads"), action), false);
        return new ConsentCookieCodec(keys, Duration.ofDays(180)).encode(cookie);
    }

    private static SigningKey strangerKey(String id) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 77);
        return SigningKey.of(id, secret);
    }

    /** Text and single bytes, for bodies that are not valid UTF-8. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
