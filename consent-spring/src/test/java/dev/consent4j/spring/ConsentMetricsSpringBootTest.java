package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.spring.actuate.ConsentStoreHealthIndicator;
import dev.consent4j.spring.app.TestShopApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The meters a privacy officer and a marketer read, counted from real requests through the real
 * stack (Tomcat, Spring Security, the filter and the endpoints) into a {@link SimpleMeterRegistry}.
 * The jurisdiction comes from a header here, so one test can be in Japan, California and France.
 */
@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:metricstest;DB_CLOSE_DELAY=-1",
                "consent.default-jurisdiction=JP", "consent.jurisdiction.from=header:X-Country:X-Region"})
@Import(ConsentMetricsSpringBootTest.Registry.class)
@DirtiesContext
class ConsentMetricsSpringBootTest {

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ConsentStoreHealthIndicator health;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isLessThan(400);
        return response;
    }

    private HttpResponse<String> choose(String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", "/consent/choices", body, all);
    }

    private double count(String name, String... tags) {
        try {
            return registry.get(name).tags(tags).counter().count();
        } catch (MeterNotFoundException e) {
            return 0;
        }
    }

    @Test
    void bannerAnswersAreCountedSoTheirRatesCanBeComputed() throws Exception {
        double accepted = count("consent.banner.outcomes", "outcome", "accept-all");
        double rejected = count("consent.banner.outcomes", "outcome", "reject-all");
        double custom = count("consent.banner.outcomes", "outcome", "custom");

        choose("{\"all\":\"grant\",\"outcome\":\"accept-all\",\"source\":\"banner\"}");
        choose("{\"all\":\"grant\",\"outcome\":\"accept-all\",\"source\":\"banner\"}");
        choose("{\"all\":\"deny\",\"outcome\":\"reject-all\",\"source\":\"banner\"}");
        choose("{\"choices\":{\"category:analytics\":\"grant\",\"category:advertising\":\"deny\"},"
                + "\"outcome\":\"custom\",\"source\":\"preference-centre\"}");
        // The preference centre visited later, not from the banner: a choice, but no banner outcome.
        choose("{\"choices\":{\"category:analytics\":\"deny\"},\"source\":\"preference-centre\"}");

        assertThat(count("consent.banner.outcomes", "outcome", "accept-all") - accepted).isEqualTo(2);
        assertThat(count("consent.banner.outcomes", "outcome", "reject-all") - rejected).isEqualTo(1);
        assertThat(count("consent.banner.outcomes", "outcome", "custom") - custom).isEqualTo(1);
    }

    @Test
    void choicesAreCountedByTopicActionSourceAndTheJurisdictionThePolicyNames() throws Exception {
        double grantedInJapan = count("consent.choices", "topic", "category:analytics", "action", "grant",
                "source", "banner", "jurisdiction", "JP");
        double deniedInTheEu = count("consent.choices", "topic", "category:analytics", "action", "deny",
                "source", "preference-centre", "jurisdiction", "EU");
        double deniedElsewhere = count("consent.choices", "topic", "category:analytics", "action", "deny",
                "source", "preference-centre", "jurisdiction", "other");

        choose("{\"all\":\"grant\",\"source\":\"banner\"}", "X-Country", "JP");
        choose("{\"choices\":{\"category:analytics\":\"deny\"},\"source\":\"preference-centre\"}", "X-Country", "FR");
        choose("{\"choices\":{\"category:analytics\":\"deny\"},\"source\":\"preference-centre\"}", "X-Country", "BR");

        assertThat(count("consent.choices", "topic", "category:analytics", "action", "grant", "source", "banner",
                "jurisdiction", "JP") - grantedInJapan).isEqualTo(1);
        // France falls under the EU rules the policy gives analytics; Brazil under nothing it names.
        assertThat(count("consent.choices", "topic", "category:analytics", "action", "deny", "source", "preference-centre",
                "jurisdiction", "EU") - deniedInTheEu).isEqualTo(1);
        assertThat(count("consent.choices", "topic", "category:analytics", "action", "deny", "source", "preference-centre",
                "jurisdiction", "other") - deniedElsewhere).isEqualTo(1);
        assertThat(registry.find("consent.choices").tag("jurisdiction", "BR").counters()).isEmpty();
        assertThat(registry.find("consent.choices").tag("jurisdiction", "FR").counters()).isEmpty();
    }

    @Test
    void marketingOptOutsAreCountedByChannel() throws Exception {
        double optOuts = count("consent.optouts", "purpose", "newsletter", "channel", "email");

        send("POST", "/consent/opt-out", "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"grant\"}",
                "Content-Type", "application/json", "Authorization", ALICE);
        send("POST", "/consent/opt-out", "{\"purpose\":\"newsletter\",\"channel\":\"email\",\"action\":\"withdraw\"}",
                "Content-Type", "application/json", "Authorization", ALICE);

        assertThat(count("consent.optouts", "purpose", "newsletter", "channel", "email") - optOuts).isEqualTo(1);
        assertThat(count("consent.choices", "topic", "purpose:newsletter:email", "action", "withdraw",
                "source", "account-page", "jurisdiction", "JP")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void gpcSignalsHonouredAreCountedWhereTheSettingsHonourThem() throws Exception {
        double californians = count("consent.gpc.honoured", "jurisdiction", "US", "subject", "visitor");
        double customers = count("consent.gpc.honoured", "jurisdiction", "US", "subject", "customer");

        send("GET", "/hello", null, "Sec-GPC", "1", "X-Country", "US", "X-Region", "CA");
        send("GET", "/hello", null, "Sec-GPC", "1", "X-Country", "US", "X-Region", "CA", "Authorization", ALICE);
        send("GET", "/hello", null, "Sec-GPC", "1", "X-Country", "JP");

        assertThat(count("consent.gpc.honoured", "jurisdiction", "US", "subject", "visitor") - californians).isEqualTo(1);
        assertThat(count("consent.gpc.honoured", "jurisdiction", "US", "subject", "customer") - customers).isEqualTo(1);
        assertThat(registry.find("consent.gpc.honoured").tag("jurisdiction", "JP").counters()).isEmpty();
        assertThat(count("consent.choices", "topic", "purpose:targeted-ads", "action", "object", "source", "gpc-signal",
                "jurisdiction", "US")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cookiesTheFilterRefusesAreCountedByReasonAndCategory() throws Exception {
        double noConsent = count("consent.cookies.refused", "reason", "no-consent", "category", "advertising");
        double denied = count("consent.cookies.refused", "reason", "denied", "category", "advertising");
        String refused = send("POST", "/consent/choices", "{\"all\":\"deny\"}", "Content-Type", "application/json")
                .headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("consent=")).findFirst().orElseThrow();

        send("GET", "/set-tracker", null);
        send("GET", "/set-tracker", null, "Cookie", refused.substring(0, refused.indexOf(';')));

        assertThat(count("consent.cookies.refused", "reason", "no-consent", "category", "advertising") - noConsent).isEqualTo(1);
        assertThat(count("consent.cookies.refused", "reason", "denied", "category", "advertising") - denied).isEqualTo(1);
    }

    @Test
    void healthShowsTheStoreAndThePolicy() {
        Health result = health.health(true);

        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsEntry("store", "h2").containsEntry("policyId", "servlet-test-shop")
                .containsEntry("policyVersion", "2026-11");
    }
}
