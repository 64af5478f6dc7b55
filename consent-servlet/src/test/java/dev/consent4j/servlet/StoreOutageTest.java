package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.testing.CapturedLog;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.StateServlet;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.jdbc.JdbcLedgerStore;
import dev.consent4j.testing.RestartablePostgres;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under a running shop and comes back: a real Jetty, the JDBC store over
 * HikariCP, an embedded PostgreSQL that is stopped and started again on the same port and data.
 * While it is away, every endpoint that reads or writes the store answers 503 problem+json with
 * {@code Retry-After} and records nothing; pages answer within the filter's store timeout with the
 * fail-closed state (the consent cookie's own choices still count); the log holds a few lines, not
 * one per request. Once it is back, both recover without restarting anything.
 */
class StoreOutageTest {

    private static final String JSON = "application/json";
    private static final String USER = JettyShop.TEST_USER_HEADER;
    private static final SubjectId ALICE = SubjectId.customer("alice");
    private static final Duration STORE_TIMEOUT = Duration.ofMillis(400);
    /**
     * How long the pool waits for a connection: well beyond the page bound, so that pages answering
     * within it shows the filter's own bound at work, not the pool's.
     */
    private static final long POOL_TIMEOUT_MS = 6000;
    /**
     * The most a page may take while the database is away: the store timeout and room for a busy
     * test machine, and half the pool's wait.
     */
    private static final Duration PAGE_BOUND = Duration.ofMillis(POOL_TIMEOUT_MS / 2);

    @TempDir
    Path temporary;

    @Test
    void choicesGet503AndPagesFailClosedWhileTheDatabaseIsAwayAndBothRecoverWhenItIsBack() throws Exception {
        try (RestartablePostgres postgres = RestartablePostgres.start(temporary.resolve("pgdata"));
                HikariDataSource pool = pool(postgres.url())) {
            JdbcConsentStore jdbc = JdbcConsentStore.builder(pool).tablePrefix("outage_").build();
            jdbc.initializeSchema();
            JdbcLedgerStore ledger = JdbcLedgerStore.builder(pool).tablePrefix("outage_").build();
            ledger.initializeSchema();
            ConsentManager consents = ConsentManager.builder(ShopFixture.POLICY, CachingConsentStore.builder(jdbc).build())
                    .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build())
                    .build();
            SigningKeys keys = SigningKeys.of(ShopFixture.key("k2", 2));
            UnsubscribeTokens tokens = new UnsubscribeTokens(keys, Clock.systemUTC());
            ConsentFilter filter = ConsentFilter.builder(consents, keys).storeTimeout(STORE_TIMEOUT).build();
            ConsentEndpoints endpoints = ConsentEndpoints.builder(consents, tokens)
                    .requests(PersonalRequests.builder(consents, ledger).provisions(ledger).build())
                    .build();
            try (JettyShop shop = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*")
                    .servlet(new StateServlet(), "/page").start()) {
                // Before: Alice grants advertising; her browser's (linked) cookie records an analytics grant.
                assertThat(shop.post("/consent/choices", JSON,
                        "{\"choices\":{\"category:advertising\":\"grant\",\"purpose:targeted-ads\":\"grant\"}}", USER, "alice")
                        .statusCode()).isEqualTo(200);
                String cookie = ShopFixture.header(filter.codec().encode(ConsentCookie.of(SubjectId.newVisitor(),
                        ShopFixture.POLICY.version(), Instant.now(), Map.of(Topic.category("analytics"), Action.GRANT), true)));
                // (A cold JVM on a busy machine may take longer than the store timeout for the first ones.)
                await().atMost(Duration.ofSeconds(20)).until(() -> shop.get("/page", USER, "alice").body()
                        .contains("category:advertising true GRANTED"));
                assertThat(shop.get("/page", USER, "alice").body()).contains("category:analytics true DEFAULT_OPT_OUT");
                String unsubscribe = URI.create(new UnsubscribeLinks(tokens, URI.create("https://shop.test/consent"), null)
                        .forMessage(ALICE, "newsletter", "email").bodyLink()).getPath();

                try (CapturedLog log = new CapturedLog()) {
                    postgres.stop();

                    // The cache may answer for up to a second; then the store is asked, and fails.
                    await().atMost(Duration.ofSeconds(10)).until(() -> shop.get("/page", USER, "alice").body()
                            .contains("category:analytics false STORE_UNAVAILABLE"));

                    List<CompletableFuture<Timed>> pages = new ArrayList<>();
                    for (int i = 0; i < 24; i++) {
                        pages.add(timed(shop, shop.request("/page", USER, "alice").GET().build()));
                        pages.add(timed(shop, shop.request("/page", USER, "alice", "Cookie", cookie).GET().build()));
                    }
                    List<CompletableFuture<Timed>> choices = List.of(
                            timed(shop, post(shop, "/consent/choices", JSON, "{\"choices\":{\"category:analytics\":\"deny\"}}", USER, "alice")),
                            timed(shop, post(shop, "/consent/choices", JSON, "{\"all\":\"deny\"}")),
                            timed(shop, post(shop, "/consent/opt-out", JSON, "{\"purpose\":\"newsletter\",\"channel\":\"email\"}", USER, "alice")),
                            timed(shop, post(shop, "/consent/do-not-sell", JSON, "{}", USER, "alice")),
                            timed(shop, post(shop, "/consent/requests", JSON, "{\"kind\":\"disclosure\"}", USER, "alice")),
                            timed(shop, post(shop, unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")),
                            timed(shop, get(shop, "/consent/state", USER, "alice")),
                            timed(shop, get(shop, "/consent/export", USER, "alice")),
                            timed(shop, get(shop, "/consent/requests", USER, "alice")));

                    for (int i = 0; i < pages.size(); i++) {
                        Timed page = pages.get(i).join();
                        assertThat(page.response().statusCode()).isEqualTo(200);
                        assertThat(page.took()).as("a page while the database is away").isLessThan(PAGE_BOUND);
                        assertThat(page.response().body()).contains("purpose:order-fulfilment true NECESSARY",
                                "category:advertising false STORE_UNAVAILABLE", "purpose:targeted-ads false STORE_UNAVAILABLE");
                        // Odd ones carry the cookie, whose analytics grant still counts; without it, analytics is off.
                        assertThat(page.response().body()).contains(i % 2 == 1 ? "category:analytics true GRANTED"
                                : "category:analytics false STORE_UNAVAILABLE");
                    }
                    for (CompletableFuture<Timed> choice : choices) {
                        HttpResponse<String> response = choice.join().response();
                        assertThat(response.statusCode()).as(response.uri().getPath()).isEqualTo(503);
                        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                                type -> assertThat(type).startsWith("application/problem+json"));
                        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
                        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
                        assertThat(response.body()).contains("\"status\":503")
                                .doesNotContain("alice", "outage_", "SELECT", "INSERT", "postgres", "jdbc", "Exception",
                                        "SQL", "5432", "localhost");
                    }
                    List<String> warnings = log.lines().stream()
                            .filter(line -> line.contains("WARN dev.consent4j") || line.contains("ERROR dev.consent4j")).toList();
                    // Two kinds (pages, endpoints), each at most once per 10 s window, where 57 requests failed.
                    assertThat(warnings).hasSizeBetween(1, 4).noneMatch(line -> line.contains("ERROR"));
                    assertThat(log.lines().stream().filter(line -> line.startsWith("dev.consent4j.store.StoreUnavailableException")))
                            .hasSizeLessThanOrEqualTo(warnings.size());
                }

                postgres.startAgain();

                await().atMost(Duration.ofSeconds(30)).until(() -> shop.send(post(shop, "/consent/choices", JSON,
                        "{\"choices\":{\"purpose:newsletter:email\":\"grant\"}}", USER, "alice")).statusCode() == 200);
                await().atMost(Duration.ofSeconds(10)).until(() -> shop.get("/page", USER, "alice").body()
                        .contains("purpose:newsletter:email true GRANTED"));
                assertThat(shop.get("/page", USER, "alice").body()).contains("category:advertising true GRANTED",
                        "category:analytics true DEFAULT_OPT_OUT");
                assertThat(shop.get("/consent/state", USER, "alice").statusCode()).isEqualTo(200);
                // Nothing answered 503 was stored: only the choices answered 200.
                assertThat(jdbc.events(ALICE)).extracting(ConsentEvent::topic).containsExactlyInAnyOrder(
                        Topic.category("advertising"), Topic.purpose("targeted-ads"), Topic.contact("newsletter", "email"));
            }
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("outage");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(POOL_TIMEOUT_MS);
        config.setValidationTimeout(500);
        return new HikariDataSource(config);
    }

    /** A POST that may wait for the pool's timeout and more. */
    private static HttpRequest post(JettyShop shop, String path, String type, String body, String... headers) {
        return shop.request(path, headers).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A GET that may wait for the pool's timeout and more. */
    private static HttpRequest get(JettyShop shop, String path, String... headers) {
        return shop.request(path, headers).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private static CompletableFuture<Timed> timed(JettyShop shop, HttpRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = shop.send(request);
                return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, CLIENTS);
    }

    /** One thread per request in flight, so that none waits for another before it is sent. */
    private static final java.util.concurrent.Executor CLIENTS = java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "outage-test-client");
        thread.setDaemon(true);
        return thread;
    });
}
