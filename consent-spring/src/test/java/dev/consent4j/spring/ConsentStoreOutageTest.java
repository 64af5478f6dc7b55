package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consent4j.spring.actuate.ConsentStoreHealthIndicator;
import dev.consent4j.spring.app.TestShopApplication;
import dev.consent4j.testing.RestartablePostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring shop on the real stack (Tomcat, Spring Security, HikariCP) while its PostgreSQL is
 * stopped and started again: health goes DOWN and back UP, choices get 503 problem+json with
 * {@code Retry-After} rather than an error page, a signed-in customer's page answers within
 * {@code consent.store.timeout}; nothing is restarted in between.
 */
@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"consent.default-jurisdiction=JP", "consent.store.jdbc.initialize-schema=always",
                "consent.store.timeout=400ms", "spring.datasource.hikari.connection-timeout=6000",
                "spring.datasource.hikari.validation-timeout=500", "spring.datasource.hikari.maximum-pool-size=4"})
class ConsentStoreOutageTest {

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
    private static RestartablePostgres postgres;

    @LocalServerPort
    int port;

    @Autowired
    ConsentStoreHealthIndicator health;

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = RestartablePostgres.start(Path.of("target", "outage-postgres-" + System.nanoTime()));
        registry.add("spring.datasource.url", postgres::url);
    }

    @AfterAll
    static void stopTheDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", ALICE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthGoesDownAndUpAndChoicesGet503WhileTheDatabaseIsAway() throws Exception {
        assertThat(send("POST", "/consent/choices", "{\"choices\":{\"category:advertising\":\"grant\",\"purpose:targeted-ads\":\"grant\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        // (A cold JVM on a busy machine may take longer than the store timeout for the first pages.)
        await().atMost(Duration.ofSeconds(20)).until(() -> send("GET", "/hello", null).body().equals("c:alice ads=true"));

        postgres.stop();

        await().atMost(Duration.ofSeconds(30)).until(() -> health.health(true).getStatus().equals(Status.DOWN));
        assertThat(health.health(true).getDetails().toString()).doesNotContain("alice", "SELECT");
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/hello", null).body().equals("c:alice ads=false"));
        long start = System.nanoTime();
        HttpResponse<String> page = send("GET", "/hello", null);
        // Well within the pool's 6 s wait for a connection: the filter's own bound.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> choice = send("POST", "/consent/choices", "{\"choices\":{\"category:advertising\":\"deny\"}}");
        assertThat(choice.statusCode()).isEqualTo(503);
        assertThat(choice.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(choice.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(choice.body()).contains("\"status\":503").doesNotContain("alice", "SQL", "jdbc", "Exception", "<html");
        assertThat(send("GET", "/consent/state", null).statusCode()).isEqualTo(503);

        postgres.startAgain();

        await().atMost(Duration.ofSeconds(30)).until(() -> health.health(true).getStatus().equals(Status.UP));
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/hello", null).body().equals("c:alice ads=true"));
        assertThat(send("POST", "/consent/choices", "{\"choices\":{\"category:analytics\":\"deny\"}}").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/consent/state", null).statusCode()).isEqualTo(200);
    }
}
