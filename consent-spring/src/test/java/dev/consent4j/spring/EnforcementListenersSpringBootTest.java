package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.servlet.EnforcementListener;
import dev.consent4j.spring.app.TestShopApplication;
import dev.consent4j.state.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A shop's own {@link EnforcementListener} beans sit beside the metrics one: all of them hear what the filter
 * and the endpoints did, in their order, and one that throws fails neither the request nor the others.
 */
@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:listenerstest;DB_CLOSE_DELAY=-1")
@Import(EnforcementListenersSpringBootTest.Listeners.class)
@DirtiesContext
class EnforcementListenersSpringBootTest {

    /** Who heard what, across the listeners, in the order they heard it. */
    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        @Order(1)
        EnforcementListener failingListener() {
            return new EnforcementListener() {
                @Override
                public void cookieDropped(String cookieName, String categoryId, Reason reason) {
                    HEARD.add("failing dropped " + cookieName);
                    throw new IllegalStateException("a broken report");
                }

                @Override
                public void bannerOutcome(BannerOutcome outcome) {
                    throw new IllegalStateException("a broken report");
                }
            };
        }

        @Bean
        @Order(2)
        EnforcementListener auditListener() {
            return new EnforcementListener() {
                @Override
                public void cookieDropped(String cookieName, String categoryId, Reason reason) {
                    HEARD.add("audit dropped " + cookieName + " " + categoryId + " " + reason);
                }

                @Override
                public void bannerOutcome(BannerOutcome outcome) {
                    HEARD.add("audit outcome " + outcome);
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double count(String name, String... tags) {
        try {
            return registry.get(name).tags(tags).counter().count();
        } catch (MeterNotFoundException e) {
            return 0;
        }
    }

    @Test
    void everyListenerBeanHearsTheFilterInItsOrderAndAThrowingOneStopsNothing() throws Exception {
        HEARD.clear();
        double refused = count("consent.cookies.refused", "reason", "no-consent", "category", "advertising");

        HttpResponse<String> response = send("GET", "/set-tracker", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("_fbp="));
        assertThat(HEARD).containsExactly("failing dropped _fbp", "audit dropped _fbp advertising " + Reason.NO_CONSENT);
        assertThat(count("consent.cookies.refused", "reason", "no-consent", "category", "advertising") - refused)
                .isEqualTo(1);
    }

    @Test
    void everyListenerBeanHearsTheEndpoints() throws Exception {
        HEARD.clear();
        double accepted = count("consent.banner.outcomes", "outcome", "accept-all");

        HttpResponse<String> response = send("POST", "/consent/choices",
                "{\"all\":\"grant\",\"outcome\":\"accept-all\",\"source\":\"banner\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(HEARD).containsExactly("audit outcome " + BannerOutcome.ACCEPT_ALL);
        assertThat(count("consent.banner.outcomes", "outcome", "accept-all") - accepted).isEqualTo(1);
    }
}
