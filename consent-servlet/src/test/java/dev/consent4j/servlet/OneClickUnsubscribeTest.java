package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 8058 as a large mail provider exercises it: no cookies, urlencoded or multipart, no redirects. */
class OneClickUnsubscribeTest {

    private final ShopFixture shop = new ShopFixture();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(shop.keys, shop.clock);
    private final SubjectId alice = SubjectId.customer("alice");
    private JettyShop server;
    private UnsubscribeLinks.Message message;

    @BeforeEach
    void start() throws Exception {
        server = new JettyShop()
                .filter(shop.filter().jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP)).build(), "/*")
                .servlet(ConsentEndpoints.builder(shop.consents, tokens).build(), "/consent/*")
                .start();
        shop.consents.record(ChoiceRequest.of(alice, Topic.contact("newsletter", "email"), Action.GRANT,
                Source.ACCOUNT_PAGE, Jurisdiction.JP));
        message = new UnsubscribeLinks(tokens, URI.create("https://shop.test/consent"), "unsubscribe@shop.test")
                .forMessage(alice, "newsletter", "email");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String path() {
        return URI.create(message.bodyLink()).getPath();
    }

    @Test
    void headersAreWhatRfc8058Asks() {
        assertThat(message.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.listUnsubscribe()).matches("^<https://[^>]+>(, <mailto:[^>]+>)?$");
        assertThat(message.bodyLink()).startsWith("https://shop.test/consent/unsubscribe/u.k2.");
        assertThat(tokens.verify(path().substring("/consent/unsubscribe/".length())).token())
                .extracting(t -> t.subject(), t -> t.purpose(), t -> t.channel())
                .containsExactly(alice, "newsletter", "email");
    }

    @Test
    void urlencodedPostAsGmailSendsItStopsMailBeforeTheResponse() throws Exception {
        HttpResponse<String> response = server.post(path(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(shop.consents.mayContact(alice, "newsletter", "email")).isFalse();
        assertThat(shop.consents.audience(List.of(alice), "newsletter", "email", Jurisdiction.JP)).isEmpty();
        assertThat(shop.store.events(alice).get(1).source()).isEqualTo(Source.ONE_CLICK_UNSUBSCRIBE);
    }

    @Test
    void multipartPostWorksToo() throws Exception {
        String boundary = "----consent4jBoundary7MA4YWxk";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
                + boundary + "--\r\n";

        HttpResponse<String> response = server.post(path(), "multipart/form-data; boundary=" + boundary, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(shop.consents.mayContact(alice, "newsletter", "email")).isFalse();
    }

    @Test
    void secondPostIsHarmlessAndWritesNothingMore() throws Exception {
        server.post(path(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        int events = shop.store.eventCount();

        HttpResponse<String> again = server.post(path(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(shop.store.eventCount()).isEqualTo(events);
    }

    @Test
    void getShowsAConfirmationPageAndChangesNothing() throws Exception {
        int events = shop.store.eventCount();

        HttpResponse<String> page = server.get(path(), "Accept-Language", "ja");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">", "name=\"List-Unsubscribe\" value=\"One-Click\"", "配信を停止する");
        assertThat(shop.store.eventCount()).isEqualTo(events);
        assertThat(shop.consents.mayContact(alice, "newsletter", "email")).isTrue();
    }

    @Test
    void crossSiteHeadersDoNotBlockTheOneClickPost() throws Exception {
        HttpResponse<String> response = server.send(server.request(path(), "Origin", "https://mail.example", "Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(shop.consents.mayContact(alice, "newsletter", "email")).isFalse();
    }

    @Test
    void transactionalMailIsNotAffected() throws Exception {
        server.post(path(), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");

        assertThat(shop.consents.allows(alice, "order-fulfilment")).isTrue();
    }

    @Test
    void linksRefusePlainHttpAndHeaderInjection() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new UnsubscribeLinks(tokens, URI.create("http://shop.test/consent"), null))
                .hasMessageContaining("HTTPS");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new UnsubscribeLinks(tokens, URI.create("https://shop.test/consent"), "a@b.test>\r\nBcc: x@y"))
                .hasMessageContaining("mailto");
    }
}
