package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.guardian.GuardianLinks;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.CapturedLog;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.StateServlet;
import dev.consent4j.state.AgeBand;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guardian-consent links on Jetty: the shop issues a link for a minor's account, the guardian
 * opens it without signing in, answers on the page's own form, and the answers count for the
 * minor — once. Kenta (13–15) is below the test policy's JP guardian age of 16 for the newsletter.
 */
class GuardianLinkEndpointTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";
    private static final String USER = JettyShop.TEST_USER_HEADER;
    private static final SubjectId KENTA = SubjectId.customer("kenta");
    private static final String CONTACT = "Mum.Kenta@Example.jp";
    private static final List<Topic> NEWSLETTER = List.of(Topic.purpose("newsletter"));

    private final ShopFixture shop = new ShopFixture();
    private final GuardianConsentTokens tokens = new GuardianConsentTokens(shop.keys, shop.clock);
    private JettyShop server;
    private GuardianLinks links;

    @BeforeEach
    void start() throws Exception {
        CustomerAgeResolver ages = (customer, request) -> customer.value().equals("kenta") ? AgeBand.between(13, 15) : null;
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock))
                .guardianTokens(tokens).build();
        server = new JettyShop().filter(shop.filter().ages(ages).build(), "/*").servlet(endpoints, "/consent/*")
                .servlet(new StateServlet(), "/page").start();
        links = new GuardianLinks(tokens, URI.create("http://localhost:" + server.port() + "/consent"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** The path and query of a link, as the guardian's browser requests it. */
    private static String path(GuardianLinks.Link link) {
        URI uri = URI.create(link.url());
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** The page's own form, posted by the guardian's browser: same origin, no sign-in. */
    private HttpResponse<String> answer(GuardianLinks.Link link, String body) throws Exception {
        return server.post(path(link), FORM, body, "Origin", "http://localhost:" + server.port(), "Sec-Fetch-Site", "same-origin");
    }

    @Test
    void thePageNamesTheShopTheAccountAndEachPurposeAndChangesNothing() throws Exception {
        GuardianLinks.Link link = links.forMinor(KENTA, NEWSLETTER, CONTACT, "けんた (k***@example.jp)");

        HttpResponse<String> ja = server.get(path(link), "Accept-Language", "ja");
        HttpResponse<String> en = server.get(path(link), "Accept-Language", "en");

        assertThat(ja.statusCode()).isEqualTo(200);
        assertThat(ja.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(ja.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(ja.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(ja.body()).contains("<html lang=\"ja\"", "保護者の同意", "テスト菓子店", "けんた (k***@example.jp)", "メールマガジン",
                "name=\"purpose:newsletter\" value=\"grant\"", "name=\"purpose:newsletter\" value=\"deny\"", "<form method=\"post\">")
                .doesNotContain("<script", "checked");
        assertThat(en.body()).contains("<html lang=\"en\"", "Consent as a guardian", "Test Sweets", "Newsletter", "I do not agree");
        assertThat(shop.store.eventCount()).isZero();
    }

    @Test
    void beforeTheGuardianAnswersTheMinorIsWithoutAGuardianAndAfterItTheGrantIsTheGuardians() throws Exception {
        // The minor's own grant first: it does not count.
        server.post("/consent/choices", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}", USER, "kenta");
        GuardianLinks.Link link = links.forMinor(KENTA, NEWSLETTER, CONTACT, "kenta");
        List<String> before = decisions();

        HttpResponse<String> answered = answer(link, "purpose%3Anewsletter=grant&language=ja");
        List<String> after = decisions();

        assertThat(before).containsExactly(
                "endpoint purpose:newsletter " + Reason.MINOR_WITHOUT_GUARDIAN,
                "filter purpose:newsletter false " + Reason.MINOR_WITHOUT_GUARDIAN,
                "api purpose:newsletter false " + Reason.MINOR_WITHOUT_GUARDIAN);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("回答を記録しました");
        assertThat(after).containsExactly(
                "endpoint purpose:newsletter " + Reason.GRANTED,
                "filter purpose:newsletter true " + Reason.GRANTED,
                "api purpose:newsletter true " + Reason.GRANTED);
        ConsentEvent recorded = last();
        assertThat(recorded.actor()).isEqualTo(Actor.GUARDIAN);
        assertThat(recorded.source()).isEqualTo(Source.GUARDIAN_CONSENT);
        assertThat(recorded.evidence().language()).isEqualTo("ja");
        assertThat(recorded.evidence().noticeVersion()).isEqualTo("guardian-link:" + link.tokenId() + " contact-sha256:"
                + GuardianConsentTokens.contactHash(link.tokenId(), "mum.kenta@example.jp") + " notice:"
                + shop.consents.policy().version());
        // The guardian's browser is given no consent state of the minor's.
        assertThat(JettyShop.cookiesSet(answered)).noneMatch(cookie -> cookie.startsWith("consent="));
    }

    @Test
    void aLinkIsUsedOnceAndTheSecondAnswerRecordsNothing() throws Exception {
        GuardianLinks.Link link = links.forMinor(KENTA, NEWSLETTER, CONTACT, "kenta");
        answer(link, "purpose%3Anewsletter=deny");
        long stored = shop.store.eventCount();

        HttpResponse<String> again = answer(link, "purpose%3Anewsletter=grant");
        HttpResponse<String> page = server.get(path(link), "Accept-Language", "en");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("already been used").doesNotContain("<form");
        assertThat(shop.store.eventCount()).isEqualTo(stored);
        assertThat(shop.consents.state(KENTA, AgeBand.between(13, 15).applyTo(Signals.of(Jurisdiction.JP)))
                .purpose("newsletter").reason()).isEqualTo(Reason.DENIED);
        // A new link is a new question, and may change the answer.
        assertThat(answer(links.forMinor(KENTA, NEWSLETTER, CONTACT, "kenta"), "purpose%3Anewsletter=grant").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLinkExpiresAfterSevenDays() throws Exception {
        GuardianLinks.Link link = links.forMinor(KENTA, NEWSLETTER, CONTACT, "kenta");
        shop.clock.advance(Duration.ofDays(7).plusSeconds(1));

        HttpResponse<String> expired = answer(link, "purpose%3Anewsletter=grant");
        HttpResponse<String> page = server.get(path(link), "Accept-Language", "en");

        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("expired");
        assertThat(shop.store.eventCount()).isZero();
    }

    @Test
    void theRawGuardianContactIsNowhereInTheLinkTheStoreTheAnswersOrTheLog() throws Exception {
        List<String> seen = new ArrayList<>();
        try (CapturedLog log = new CapturedLog()) {
            GuardianLinks.Link link = links.forMinor(KENTA, NEWSLETTER, CONTACT, "kenta");
            String token = link.url().substring(link.url().indexOf("token=") + "token=".length());
            seen.add(link.url());
            seen.add(new String(Base64.getUrlDecoder().decode(token.split("\\.")[2]), java.nio.charset.StandardCharsets.ISO_8859_1));
            seen.add(server.get(path(link)).body());
            seen.add(answer(link, "purpose%3Anewsletter=grant").body());
            seen.add(answer(link, "purpose%3Anewsletter=grant").body());
            seen.add(server.get(path(link).replace(token, token.substring(0, token.length() - 3) + "AAA")).body());
            seen.add(server.get("/consent/export", USER, "kenta").body());
            for (ConsentEvent event : shop.consents.history(KENTA, Signals.of(Jurisdiction.JP)).events()) {
                seen.add(event.toString());
            }
            seen.addAll(log.lines());
        }
        assertThat(seen).hasSizeGreaterThan(7);
        assertThat(seen).allSatisfy(text -> assertThat(text.toLowerCase(Locale.ROOT))
                .doesNotContain("mum.kenta").doesNotContain("example.jp"));
    }

    /** The minor's decision on the newsletter as the state endpoint, the filter and the API give it. */
    private List<String> decisions() throws Exception {
        JsonNode state = JsonMapper.shared().readTree(server.get("/consent/state", USER, "kenta").body());
        String endpoint = null;
        for (JsonNode decision : state.get("decisions")) {
            if (decision.get("topic").stringValue().equals("purpose:newsletter")) {
                endpoint = "endpoint purpose:newsletter " + decision.get("reason").stringValue();
            }
        }
        String filter = server.get("/page", USER, "kenta").body().lines().filter(line -> line.startsWith("purpose:newsletter "))
                .findFirst().map(line -> "filter " + line).orElse(null);
        var api = shop.consents.state(KENTA, AgeBand.between(13, 15).applyTo(Signals.of(Jurisdiction.JP))).purpose("newsletter");
        return List.of(endpoint, filter, "api purpose:newsletter " + api.allowed() + " " + api.reason());
    }

    private ConsentEvent last() {
        List<ConsentEvent> events = shop.consents.history(KENTA, Signals.of(Jurisdiction.JP)).events();
        return events.get(events.size() - 1);
    }
}
