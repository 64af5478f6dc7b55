package dev.consent4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain-servlet shop on a random port, over HTTP, as a shopper, a mail client and an operator use it. */
class ServletShopTest {

    private static final String TEST_KEY = Base64.getEncoder()
            .encodeToString("a test key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII));

    private static ServletShop shop;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void open() throws Exception {
        shop = ServletShop.start(0, 0, "jdbc:h2:mem:servlet-shop;DB_CLOSE_DELAY=-1", TEST_KEY);
    }

    @AfterAll
    static void close() {
        shop.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(shop.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> cookieNames(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> !h.contains("Max-Age=0"))
                .map(h -> h.substring(0, h.indexOf('='))).toList();
    }

    private static String operatorLogin() {
        return "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pagesRenderWithTheBannerAndInertTags() throws Exception {
        HttpResponse<String> catalogue = send("GET", "/", null, null);
        HttpResponse<String> script = send("GET", "/consent/assets/consent.js", null, null);
        HttpResponse<String> styles = send("GET", "/consent/assets/consent.css", null, null);
        HttpResponse<String> disclosure = send("GET", "/consent/disclosure?lang=en", null, null);
        HttpResponse<String> missing = send("GET", "/products/no-such-sweet", null, null);

        assertThat(catalogue.statusCode()).isEqualTo(200);
        assertThat(catalogue.body()).contains("栗羊羹", "/consent/assets/consent.js",
                "type=\"text/plain\" data-consent=\"analytics\"", "data-consent-open");
        // Analytics rests on notice with an opt-out in Japan (the shop's jurisdiction), so it may be set.
        assertThat(cookieNames(catalogue)).contains("FPID");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(disclosure.body()).contains("Sky Ads");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void advertisingCookieIsStrippedBeforeConsentAndAllowedAfter() throws Exception {
        HttpResponse<String> before = send("GET", "/products/monaka", null, null);
        HttpResponse<String> accept = send("POST", "/consent/choices", "application/json", "{\"all\":\"grant\"}");
        String consent = accept.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("consent="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> after = send("GET", "/products/monaka?lang=en", null, null, "Cookie", consent);

        assertThat(cookieNames(before)).doesNotContain("_skyid");
        assertThat(before.body()).doesNotContain("Picked for you");
        assertThat(accept.statusCode()).isEqualTo(200);
        assertThat(cookieNames(after)).contains("_skyid");
        assertThat(after.body()).contains("Picked for you");
    }

    @Test
    void operatorPageNeedsALogin() throws Exception {
        assertThat(send("GET", "/operator", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void unsubscribeLinkFromTheNewsletterRunStopsTheNewsletter() throws Exception {
        HttpResponse<String> operator = send("GET", "/operator", null, null, "Authorization", operatorLogin());
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("List-Unsubscribe=One-Click", "&lt;https://tsukimi.example/consent/unsubscribe/u.");
        Matcher link = Pattern.compile("<td>c-1001</td><td>send</td>.*?href=\"http://[^\"]+(/consent/unsubscribe/[^\"]+)\"")
                .matcher(operator.body());
        assertThat(link.find()).isTrue();

        HttpResponse<String> confirm = send("GET", link.group(1), null, null);
        boolean stillSubscribed = shop.consents().mayContact(SubjectId.customer("c-1001"), "newsletter", "email");
        HttpResponse<String> oneClick = send("POST", link.group(1), "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
        HttpResponse<String> afterwards = send("GET", "/operator", null, null, "Authorization", operatorLogin());

        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(stillSubscribed).as("a prefetched GET changes nothing").isTrue();
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(shop.consents().audience(List.of(SubjectId.customer("c-1001")), "newsletter", "email", Jurisdiction.JP))
                .isEmpty();
        assertThat(afterwards.body()).contains("<td>c-1001</td><td>skip</td>");
    }

    @Test
    void theServerNeverContactsTheTrackers() {
        assertThat(shop.trackers().hits()).isEmpty();
    }
}
