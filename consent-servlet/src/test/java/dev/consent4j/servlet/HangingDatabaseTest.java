package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.StateServlet;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A {@code DataSource} that blocks for 30 s, as a pool does while the database hangs: pages still
 * answer within the filter's store timeout, with the fail-closed state, and get the stored state
 * again as soon as the database answers.
 */
class HangingDatabaseTest {

    private static final String USER = "hanging-" + System.nanoTime();
    private static final SubjectId ALICE = SubjectId.customer(USER);
    private static final Duration STORE_TIMEOUT = Duration.ofMillis(300);

    private final DataSource postgres = TestDatabases.fromEnvironment(TestDatabases.POSTGRES);
    private final CountDownLatch databaseBack = new CountDownLatch(1);
    private volatile boolean hanging;

    /** Hands out the database's connections; while {@link #hanging}, first blocks for up to 30 s. */
    private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                if (!method.getName().equals("getConnection") || arguments != null) {
                    throw new UnsupportedOperationException(method.getName());
                }
                if (hanging) {
                    databaseBack.await(30, TimeUnit.SECONDS);
                }
                return postgres.getConnection();
            });

    @Test
    void pagesAnswerWithinTheStoreTimeoutWhileTheDataSourceBlocksAndGetTheStoredStateWhenItAnswers() throws Exception {
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix("hanging_").build();
        store.initializeSchema();
        ConsentManager consents = ConsentManager.builder(ShopFixture.POLICY, store)
                .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build()).build();
        consents.record(ChoiceRequest.of(ALICE, Map.of(Topic.category("advertising"), Action.GRANT,
                Topic.purpose("targeted-ads"), Action.GRANT), Source.ACCOUNT_PAGE, Jurisdiction.JP, null));
        ConsentFilter filter = ConsentFilter.builder(consents, SigningKeys.of(ShopFixture.key("k2", 2)))
                .storeTimeout(STORE_TIMEOUT).build();
        try (JettyShop shop = new JettyShop().filter(filter, "/*").servlet(new StateServlet(), "/page").start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> shop.get("/page", JettyShop.TEST_USER_HEADER, USER).body()
                    .contains("category:advertising true GRANTED"));

            hanging = true;
            List<CompletableFuture<HttpResponse<String>>> pages = List.of(page(shop), page(shop), page(shop));
            for (CompletableFuture<HttpResponse<String>> page : pages) {
                // Far less than the 30 s the DataSource blocks for.
                HttpResponse<String> response = page.get(5, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("category:advertising false STORE_UNAVAILABLE",
                        "category:analytics false STORE_UNAVAILABLE", "purpose:order-fulfilment true NECESSARY");
            }

            hanging = false;
            databaseBack.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> shop.get("/page", JettyShop.TEST_USER_HEADER, USER).body()
                    .contains("category:advertising true GRANTED"));
        } finally {
            databaseBack.countDown();
        }
    }

    private static CompletableFuture<HttpResponse<String>> page(JettyShop shop) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return shop.get("/page", JettyShop.TEST_USER_HEADER, USER);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
