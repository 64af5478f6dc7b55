package dev.consent4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.examples.shop.StubTrackers;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.state.Signals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example shop on a random port, over HTTP, as a shopper, a mail client and an operator use it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "shop.trackers.port=0"})
class ShopSpringTest {

    @LocalServerPort
    int port;

    @Autowired
    StubTrackers trackers;

    @Autowired
    ConsentManager consents;

    @Autowired
    PersonalRequests requests;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> cookieNames(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> !h.contains("Max-Age=0"))
                .map(h -> h.substring(0, h.indexOf('='))).toList();
    }

    @Test
    void pagesRenderWithTheBannerAndInertTags() throws Exception {
        HttpResponse<String> catalogue = send("GET", "/", null, null);
        HttpResponse<String> product = send("GET", "/products/monaka?lang=en", null, null);
        HttpResponse<String> script = send("GET", "/consent/assets/consent.js", null, null);
        HttpResponse<String> disclosure = send("GET", "/consent/disclosure?lang=ja", null, null);

        assertThat(catalogue.statusCode()).isEqualTo(200);
        assertThat(catalogue.body()).contains("栗羊羹", "/consent/assets/consent.js",
                "type=\"text/plain\" data-consent=\"analytics\"", "data-consent-open");
        assertThat(product.body()).contains("Monaka assortment").doesNotContain("Picked for you");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(disclosure.body()).contains("Sky Ads", "第三者", "株式会社月見菓子舗", "ショップに戻る");
    }

    @Test
    void advertisingCookieIsStrippedBeforeConsentAndAllowedAfter() throws Exception {
        HttpResponse<String> before = send("GET", "/products/monaka", null, null);
        HttpResponse<String> accept = send("POST", "/consent/choices", "application/json", "{\"all\":\"grant\"}");
        String consent = accept.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("consent="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> after = send("GET", "/products/monaka?lang=en", null, null, "Cookie", consent);
        HttpResponse<String> withdrawn = send("POST", "/consent/choices", "application/json",
                "{\"choices\":{\"category:advertising\":\"withdraw\"}}", "Cookie", consent + "; _skyid=sky.1");

        assertThat(cookieNames(before)).doesNotContain("_skyid");
        assertThat(cookieNames(after)).contains("_skyid");
        assertThat(after.body()).contains("Picked for you");
        assertThat(withdrawn.headers().allValues("Set-Cookie")).anyMatch(h -> h.startsWith("_skyid=; Max-Age=0"));
    }

    @Test
    void unsubscribeLinkFromTheOperatorPageStopsTheNewsletter() throws Exception {
        HttpResponse<String> operator = send("GET", "/operator", null, null, "Authorization", basic("operator"));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("List-Unsubscribe=One-Click", "&lt;https://tsukimi.example/consent/unsubscribe/u.");
        Matcher link = Pattern.compile("<td>hanako</td>\\s*<td>send</td>.*?href=\"http://[^\"]+(/consent/unsubscribe/[^\"]+)\"",
                Pattern.DOTALL).matcher(operator.body());
        assertThat(link.find()).isTrue();

        HttpResponse<String> confirm = send("GET", link.group(1), null, null);
        HttpResponse<String> oneClick = send("POST", link.group(1), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
        HttpResponse<String> afterwards = send("GET", "/operator", null, null, "Authorization", basic("operator"));

        assertThat(confirm.body()).contains("<form method=\"post\">");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(afterwards.body()).containsPattern("<td>hanako</td>\\s*<td>skip</td>");
    }

    @Test
    void audienceUploadSharesOnlyThoseWhoAgreed() throws Exception {
        // A browser form post: the page's CSRF token and the session it belongs to.
        HttpResponse<String> page = send("GET", "/operator", null, null, "Authorization", basic("operator"));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String session = page.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("JSESSIONID="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> upload = send("POST", "/operator/audience", "application/x-www-form-urlencoded",
                "_csrf=" + csrf.group(1), "Authorization", basic("operator"), "Cookie", session);

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).contains("<span id=\"shared\">[c-1002]</span>");
        // The ledger holds the upload before the page shows it.
        assertThat(upload.body()).containsPattern("<td>1: \\[c-1002\\]</td>\\s*<td>\\[email\\]</td>\\s*<td>CONSENT</td>");
    }

    /** A form post as a browser makes it: the page's CSRF token and the session it belongs to. */
    private HttpResponse<String> formPost(String page, String action, String fields, String user) throws Exception {
        HttpResponse<String> form = send("GET", page, null, null, "Authorization", basic(user));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String session = form.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("JSESSIONID="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        return send("POST", action, "application/x-www-form-urlencoded", fields + "&_csrf=" + csrf.group(1),
                "Authorization", basic(user), "Cookie", session);
    }

    @Test
    void anErasureRequestGoesFromTheAccountPageToTheOperatorAndBack() throws Exception {
        HttpResponse<String> filed = formPost("/account", "/account/requests", "kind=ERASURE", "taro");
        HttpResponse<String> operator = send("GET", "/operator", null, null, "Authorization", basic("operator"));
        Matcher request = Pattern.compile("<td>taro</td><td>ERASURE</td>.*?action=\"/operator/requests/([0-9a-f-]+)\"",
                Pattern.DOTALL).matcher(operator.body());
        assertThat(request.find()).isTrue();
        HttpResponse<String> carriedOut = formPost("/operator", "/operator/requests/" + request.group(1), "action=complete", "operator");
        HttpResponse<String> account = send("GET", "/account?lang=en", null, null, "Authorization", basic("taro"));

        assertThat(filed.statusCode()).isEqualTo(302);
        assertThat(operator.body()).contains("IDENTITY_VERIFIED");
        assertThat(carriedOut.statusCode()).isEqualTo(302);
        assertThat(account.body()).contains("<td>Erasure</td>", "<td>Done</td>", "kept:").doesNotContain("<td>ERASURE</td>", "<td>DONE</td>");
    }

    @Test
    void theOperatorPageKnowsWhoIsSignedInFollowsLangAndLabelsItsSelect() throws Exception {
        HttpResponse<String> operator = send("GET", "/operator?lang=en", null, null, "Authorization", basic("operator"));

        assertThat(operator.body()).contains("<html lang=\"en\">", "Log out", "<label for=\"history-customer\">",
                "<select id=\"history-customer\" name=\"customer\">", "<div class=\"scroll\">")
                .doesNotContain(">Log in<");
    }

    @Test
    void aStopOfProvisionIsAnsweredInWordsOnTheAccountPage() throws Exception {
        HttpResponse<String> filed = formPost("/account", "/account/requests", "kind=STOP_PROVISION", "hanako");
        HttpResponse<String> account = send("GET", "/account?lang=en", null, null, "Authorization", basic("hanako"));
        HttpResponse<String> ja = send("GET", "/account", null, null, "Authorization", basic("hanako"));

        assertThat(filed.statusCode()).isEqualTo(302);
        assertThat(account.body()).contains("<td>Stop giving my data to third parties</td>", "<td>Stopped as you asked.</td>")
                .doesNotContain("[object", "recorded [", "STOP_PROVISION</td>");
        assertThat(ja.body()).contains("<td>第三者提供の停止</td>", "<td>対応済み</td>", "お申し出のとおり停止しました。");
    }

    @Test
    void aMinorAsksTheirGuardianAndTheGuardiansAnswerFromTheLinkCounts() throws Exception {
        HttpResponse<String> before = send("GET", "/account?lang=en", null, null, "Authorization", basic("yuki"));
        HttpResponse<String> form = send("GET", "/account", null, null, "Authorization", basic("yuki"));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String session = form.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("JSESSIONID="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> asked = send("POST", "/account/guardian-link", "application/x-www-form-urlencoded",
                "guardianEmail=mother%40example.jp&_csrf=" + csrf.group(1), "Authorization", basic("yuki"), "Cookie", session);
        HttpResponse<String> shown = send("GET", "/account?lang=en", null, null, "Authorization", basic("yuki"), "Cookie", session);
        Matcher link = Pattern.compile("href=\"http://localhost:\\d+(/consent/guardian-consent\\?token=[^\"]+)\"").matcher(shown.body());
        assertThat(link.find()).as(shown.body()).isTrue();
        // The guardian opens the e-mailed link: no sign-in, another browser.
        HttpResponse<String> page = send("GET", link.group(1), null, null, "Accept-Language", "ja");
        Matcher asks = Pattern.compile("name=\"([^\"]+)\" value=\"grant\"").matcher(page.body());
        StringBuilder answers = new StringBuilder("language=ja");
        while (asks.find()) {
            answers.append('&').append(java.net.URLEncoder.encode(asks.group(1), StandardCharsets.UTF_8)).append("=grant");
        }
        HttpResponse<String> answered = send("POST", link.group(1), "application/x-www-form-urlencoded", answers.toString(),
                "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> again = send("POST", link.group(1), "application/x-www-form-urlencoded", answers.toString(),
                "Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> after = send("GET", "/account?lang=en", null, null, "Authorization", basic("yuki"));

        assertThat(before.body()).contains("Ask my guardian", "off (a parent or guardian must agree)");
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("保護者の同意", "yuki", "メールマガジン").doesNotContain("mother@example.jp");
        assertThat(answers.toString()).contains("purpose%3Anewsletter%3Aemail=grant");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(after.body()).contains("on (you agreed)").doesNotContain("a parent or guardian must agree", "Ask my guardian");
        assertThat(consents.history(SubjectId.customer("yuki"), Signals.of(Jurisdiction.JP)).events())
                .allSatisfy(event -> assertThat(event.actor()).isEqualTo(dev.consent4j.event.Actor.GUARDIAN))
                .allSatisfy(event -> assertThat(event.toString()).doesNotContain("mother"));
    }

    @Test
    void accountPageShowsMarketingPreferences() throws Exception {
        HttpResponse<String> account = send("GET", "/account?lang=en", null, null, "Authorization", basic("taro"));

        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("Newsletter", "E-mail", "no (you have not agreed)").doesNotContain("NO_CONSENT");
    }

    @Test
    void aHistoryLookupWithAnImpossibleCustomerIdIsABadRequest() throws Exception {
        HttpResponse<String> forged = send("GET", "/operator/history?customer=c-1001%0D%0AINFO%20forged", null, null,
                "Authorization", basic("operator"));
        HttpResponse<String> control = send("GET", "/operator/history?customer=%1B%5B31m", null, null,
                "Authorization", basic("operator"));
        HttpResponse<String> tooLong = send("GET", "/operator/history?customer=" + "x".repeat(129), null, null,
                "Authorization", basic("operator"));
        HttpResponse<String> fine = send("GET", "/operator/history?customer=" + "x".repeat(128), null, null,
                "Authorization", basic("operator"));

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(fine.statusCode()).isEqualTo(200);
    }

    @Test
    void movingAnUnknownRequestIsABadRequest() throws Exception {
        UUID unknown = UUID.randomUUID();
        List<PersonalRequest> before = requests.open();

        HttpResponse<String> complete = formPost("/operator", "/operator/requests/" + unknown, "action=complete", "operator");
        HttpResponse<String> verify = formPost("/operator", "/operator/requests/" + unknown, "action=verify", "operator");
        HttpResponse<String> refuse = formPost("/operator", "/operator/requests/" + unknown, "action=refuse&text=no", "operator");

        assertThat(complete.statusCode()).isEqualTo(400);
        assertThat(verify.statusCode()).isEqualTo(400);
        assertThat(refuse.statusCode()).isEqualTo(400);
        assertThat(requests.find(unknown)).isEmpty();
        assertThat(requests.open()).isEqualTo(before);
    }

    @Test
    void aPreferenceForAnUnknownPurposeIsABadRequestAndRecordsNothing() throws Exception {
        SubjectId hanako = SubjectId.customer("hanako");
        int before = consents.history(hanako, Signals.of(Jurisdiction.JP)).events().size();

        HttpResponse<String> unknown = formPost("/account", "/account/preferences", "purpose=no-such-purpose&choice=grant", "hanako");
        HttpResponse<String> malformed = formPost("/account", "/account/preferences", "purpose=News%0D%0Aletter&choice=grant", "hanako");
        HttpResponse<String> badChannel = formPost("/account", "/account/preferences",
                "purpose=newsletter&channel=carrier-pigeon&choice=grant", "hanako");
        HttpResponse<String> badChoice = formPost("/account", "/account/preferences", "purpose=newsletter&choice=maybe", "hanako");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(badChannel.statusCode()).isEqualTo(400);
        assertThat(badChoice.statusCode()).isEqualTo(400);
        assertThat(consents.history(hanako, Signals.of(Jurisdiction.JP)).events()).hasSize(before);
    }

    @Test
    void theServerNeverContactsTheTrackers() {
        assertThat(trackers.hits()).isEmpty();
    }

    @Test
    void aWithdrawalOfTargetedAdsReachesTheAdNetworksWebhookAndTheLedgerAsNotified() throws Exception {
        SubjectId taro = SubjectId.customer("taro");
        // Taro agreed to personalised ads and their cookies when he signed up.
        consents.record(dev.consent4j.ChoiceRequest.of(taro, java.util.Map.of(dev.consent4j.event.Topic.purpose("targeted-ads"),
                dev.consent4j.event.Action.GRANT, dev.consent4j.event.Topic.category("advertising"), dev.consent4j.event.Action.GRANT),
                dev.consent4j.event.Source.ACCOUNT_PAGE, Jurisdiction.JP, null));

        HttpResponse<String> withdrawn = formPost("/account", "/account/preferences", "purpose=targeted-ads&choice=withdraw", "taro");

        assertThat(withdrawn.statusCode()).isLessThan(400);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> trackers.consentChanges().values()
                .stream().anyMatch(body -> body.contains("\"subject\":\"c:taro\"") && body.contains("\"reason\":\"WITHDRAWN\"")));
        String body = trackers.consentChanges().values().stream().filter(b -> b.contains("\"subject\":\"c:taro\"")).findFirst()
                .orElseThrow();
        assertThat(body).contains("\"topic\":\"purpose:targeted-ads\"").doesNotContain("newsletter");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !requests.disclosure(taro,
                Signals.of(Jurisdiction.JP)).notifications().isEmpty());
        assertThat(requests.disclosure(taro, Signals.of(Jurisdiction.JP)).notifications()).singleElement().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo("sky-ads");
            assertThat(n.topics()).containsExactly(dev.consent4j.event.Topic.purpose("targeted-ads"));
        });
        HttpResponse<String> operator = send("GET", "/operator", null, null, "Authorization", basic("operator"));
        assertThat(operator.body()).containsPattern("<td>taro</td><td>\\[purpose:targeted-ads\\]</td>")
                .containsPattern("<p id=\"outbox\">\\d+ waiting, 0 dead letters</p>");
        // Replaying what is not a dead letter is the operator's mistake, not a server error.
        assertThat(formPost("/operator", "/operator/outbox/987654/replay", "x=1", "operator").statusCode()).isEqualTo(400);
    }
}
