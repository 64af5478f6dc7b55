package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.guardian.GuardianLinks;
import dev.consent4j.spring.app.TestShopApplication;
import dev.consent4j.store.ConsentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The guardian-consent properties in a running app: {@code GuardianLinks} from
 * {@code consent.guardian.public-base-url}, links answered once behind Spring Security, and the
 * session path only because {@code consent.guardian.allow-from-session} turns it on here.
 */
@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:guardianspringtest;DB_CLOSE_DELAY=-1", "consent.default-jurisdiction=JP",
                "consent.guardian.public-base-url=https://shop.example/consent", "consent.guardian.allow-from-session=true"})
class GuardianConsentSpringBootTest {

    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    GuardianLinks links;

    @Autowired
    ConsentStore store;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String type, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aGuardiansLinkFromTheBeanIsAnsweredOnceWithoutSignIn() throws Exception {
        SubjectId minor = SubjectId.customer("minor-" + System.nanoTime());
        GuardianLinks.Link link = links.forMinor(minor, List.of(Topic.contact("newsletter", "email")), "parent@example.jp", "m");
        String path = link.url().substring("https://shop.example".length());

        HttpResponse<String> page = send("GET", path, null, null, "Accept-Language", "en");
        HttpResponse<String> answered = send("POST", path, "application/x-www-form-urlencoded",
                "purpose%3Anewsletter%3Aemail=grant", "Sec-Fetch-Site", "same-origin");
        HttpResponse<String> again = send("POST", path, "application/x-www-form-urlencoded",
                "purpose%3Anewsletter%3Aemail=grant", "Sec-Fetch-Site", "same-origin");

        assertThat(link.url()).startsWith("https://shop.example/consent/guardian-consent?token=g.");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Consent as a guardian", "purpose:newsletter:email");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(409);
        List<ConsentEvent> events = store.events(minor);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).actor()).isEqualTo(Actor.GUARDIAN);
        assertThat(events.get(0).evidence().noticeVersion()).startsWith("guardian-link:" + link.tokenId() + " contact-sha256:")
                .doesNotContain("parent");
    }

    @Test
    void theSessionPathIsOpenOnlyBecauseThePropertySaysSo() throws Exception {
        HttpResponse<String> fromSession = send("POST", "/consent/guardian-consent", "application/json",
                "{\"choices\":{\"purpose:newsletter:email\":\"grant\"}}", "Authorization", ALICE);

        assertThat(fromSession.statusCode()).isEqualTo(200);
        assertThat(store.events(SubjectId.customer("alice"))).last().extracting(ConsentEvent::actor).isEqualTo(Actor.GUARDIAN);
    }
}
