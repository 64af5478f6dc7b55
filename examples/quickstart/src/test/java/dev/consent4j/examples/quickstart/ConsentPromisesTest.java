package dev.consent4j.examples.quickstart;

// docs/testing.md's JUnit example, run against the quick start: in the quick start's package because
// the README shows its start method package-private.
// tag::consent-test-junit[]
import static dev.consent4j.test.ConsentAssertions.assertKeepsConsent;

import dev.consent4j.test.ConsentTestExtension;
import dev.consent4j.test.ShopResponse;
import dev.consent4j.test.Shopper;
import dev.consent4j.test.Visitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConsentTestExtension.class) // policy and key from src/test/resources/consent-test.properties
class ConsentPromisesTest {

    private static final String TEST_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="; // as in consent-test.properties
    private static Server shop;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheShop() throws Exception {
        shop = QuickStart.start(0, TEST_KEY, "jdbc:h2:mem:promises;DB_CLOSE_DELAY=-1"); // however your tests start it
    }

    @AfterAll
    static void stopTheShop() throws Exception {
        shop.stop();
    }

    @Test
    void aFirstTimeVisitorGetsNoCookieOrHostThePolicyDoesNotAllow(
            @Shopper(value = Shopper.Kind.FIRST_VISIT, in = "JP") Visitor visitor) throws Exception {
        assertKeepsConsent(get("/", visitor), visitor);
    }

    @Test
    void aVisitorWhoRejectedAllGetsNoneEither(@Shopper(value = Shopper.Kind.REJECT_ALL, in = "JP") Visitor visitor)
            throws Exception {
        assertKeepsConsent(get("/", visitor), visitor);
    }

    private ShopResponse get(String path, Visitor visitor) throws Exception {
        int port = ((ServerConnector) shop.getConnectors()[0]).getLocalPort();
        HttpResponse<String> response = client.send(visitor.request(URI.create("http://127.0.0.1:" + port + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        return ShopResponse.of(response);
    }
}
// end::consent-test-junit[]
