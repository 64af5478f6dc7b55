package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.spring.app.TestShopApplication;
import dev.consent4j.store.ConsentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:springboottest;DB_CLOSE_DELAY=-1", "consent.default-jurisdiction=JP"})
class ConsentSpringBootTest {

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    ConsentStore store;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String consentCookie(HttpResponse<String> response) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("consent="))
                .findFirst().orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void controllersGetTheConsentStateAndTheFilterDropsRefusedCookies() throws Exception {
        HttpResponse<String> hello = send("GET", "/hello", null);
        HttpResponse<String> tracker = send("GET", "/set-tracker", null);

        assertThat(hello.body()).endsWith("ads=false");
        assertThat(tracker.headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith("_fbp="));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} refused cookies")
    // 199 plus the consent cookie: Tomcat itself answers 400 to a request with more than 200 cookies (maxCookieCount).
    @org.junit.jupiter.params.provider.ValueSource(ints = {50, 199})
    void tomcatAnswersABrowserHoldingManyRefusedCookiesAndExpiresThemInBatches(int count) throws Exception {
        String consent = consentCookie(send("POST", "/consent/choices", "{\"all\":\"deny\"}", "Content-Type", "application/json"));
        java.util.List<String> browser = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            browser.add("_ga_" + i);
        }
        for (int requests = 0; !browser.isEmpty(); requests++) {
            assertThat(requests).isLessThan(count);
            String cookies = String.join("; ", browser.stream().map(n -> n + "=1").toList()) + "; " + consent;

            HttpResponse<String> response = send("GET", "/hello", null, "Cookie", cookies);

            assertThat(response.statusCode()).isEqualTo(200);
            java.util.List<String> expiries = response.headers().allValues("Set-Cookie").stream()
                    .filter(h -> h.contains("Max-Age=0")).toList();
            assertThat(expiries).isNotEmpty().hasSizeLessThanOrEqualTo(dev.consent4j.servlet.ConsentFilter.DEFAULT_MAX_EXPIRY_HEADERS);
            browser.removeAll(expiries.stream().map(h -> h.substring(0, h.indexOf('='))).toList());
        }
    }

    @Test
    void theGuardKeepsAHandlerFromRunningWithoutConsent() throws Exception {
        HttpResponse<String> refused = send("POST", "/ads/audience", null);
        HttpResponse<String> choice = send("POST", "/consent/choices", "{\"all\":\"grant\"}",
                "Content-Type", "application/json");
        HttpResponse<String> allowed = send("POST", "/ads/audience", null, "Cookie", consentCookie(choice));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("purpose:targeted-ads", "NO_CONSENT");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("shared");
    }

    @Test
    void signingInLinksTheVisitorsChoicesToTheCustomer() throws Exception {
        HttpResponse<String> choice = send("POST", "/consent/choices", "{\"choices\":{\"purpose:targeted-ads\":\"grant\",\"category:advertising\":\"grant\"}}",
                "Content-Type", "application/json");
        String cookie = consentCookie(choice);

        HttpResponse<String> signedIn = send("GET", "/hello", null, "Authorization", ALICE, "Cookie", cookie);

        assertThat(signedIn.body()).isEqualTo("c:alice ads=true");
        assertThat(store.events(SubjectId.customer("alice"))).anyMatch(e -> e.action() == Action.LINK);
    }

    @Test
    void endpointsWorkThroughTheRealStack() throws Exception {
        HttpResponse<String> policy = send("GET", "/consent/policy?lang=ja", null);
        HttpResponse<String> gpc = send("GET", "/.well-known/gpc.json", null);
        HttpResponse<String> crossSite = send("POST", "/consent/choices", "{\"all\":\"grant\"}",
                "Content-Type", "application/json", "Origin", "https://evil.test");
        HttpResponse<String> optOut = send("POST", "/consent/opt-out",
                "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"grant\"}",
                "Content-Type", "application/json", "Authorization", ALICE);

        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("\"language\":\"ja\"");
        assertThat(gpc.body()).contains("\"gpc\":true");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(optOut.statusCode()).isEqualTo(200);
        assertThat(optOut.body()).contains("\"topic\":\"purpose:newsletter:email\",\"allowed\":true");
    }

    @Test
    void oddSpellingsOfEndpointPathsGet400NotAServerError() throws Exception {
        HttpResponse<String> doubledSlashes = send("GET", "//consent//state", null);
        HttpResponse<String> dotSegments = send("GET", "/.well-known/gpc.json/../../consent/state", null);
        HttpResponse<String> plain = send("GET", "/consent/state", null);

        for (HttpResponse<String> response : java.util.List.of(doubledSlashes, dotSegments)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"status\":400");
        }
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    @Test
    void oddPathsAreNeverAServerError() throws Exception {
        for (String path : java.util.List.of("//consent//state", "/.well-known/gpc.json/../../consent/state",
                "/consent//state", "//consent/state", "/consent/./state", "/consent/x/../state",
                "//.well-known//gpc.json", "/consent/assets//consent.js")) {
            for (String method : java.util.List.of("GET", "HEAD", "POST")) {
                HttpResponse<String> response = send(method, path, null);

                assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body())
                        .isLessThan(500);
            }
        }
    }
}
