package dev.consent4j.servlet;

import static dev.consent4j.servlet.testing.JettyShop.cookiesSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.servlet.testing.CookieSettingServlet;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.state.Reason;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the filter and the endpoints tell their listener, and that a failing listener never fails a request. */
class EnforcementListenerTest {

    private static final String JSON = "application/json";

    private final ShopFixture shop = new ShopFixture();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private JettyShop server;

    private final EnforcementListener recording = new EnforcementListener() {
        @Override
        public void cookieDropped(String cookieName, String categoryId, Reason reason) {
            told.add("dropped " + cookieName + " " + categoryId + " " + reason);
        }

        @Override
        public void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
            told.add("gpc " + jurisdiction + (customer ? " customer" : " visitor"));
        }

        @Override
        public void bannerOutcome(BannerOutcome outcome) {
            told.add("outcome " + outcome.value());
        }
    };

    /** Throws from every method, as a broken metrics registry might. */
    private final EnforcementListener failing = new EnforcementListener() {
        @Override
        public void cookieDropped(String cookieName, String categoryId, Reason reason) {
            throw new IllegalStateException("registry closed");
        }

        @Override
        public void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
            throw new IllegalStateException("registry closed");
        }

        @Override
        public void bannerOutcome(BannerOutcome outcome) {
            throw new IllegalStateException("registry closed");
        }
    };

    private void start(EnforcementListener listener, Jurisdiction jurisdiction) throws Exception {
        ConsentFilter filter = shop.filter().jurisdictions(JurisdictionResolver.fixed(jurisdiction)).listener(listener).build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock))
                .listener(listener).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*")
                .servlet(new CookieSettingServlet(), "/set").start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachBannerButtonIsToldWhenTheRequestNamesItAndNothingWhenItDoesNot() throws Exception {
        start(recording, Jurisdiction.JP);

        server.post("/consent/choices", JSON, "{\"all\":\"grant\",\"outcome\":\"accept-all\",\"source\":\"banner\"}");
        server.post("/consent/choices", JSON, "{\"all\":\"deny\",\"outcome\":\"reject-all\",\"source\":\"banner\"}");
        server.post("/consent/choices", JSON,
                "{\"choices\":{\"category:analytics\":\"grant\"},\"outcome\":\"custom\",\"source\":\"preference-centre\"}");
        server.post("/consent/choices", JSON, "{\"choices\":{\"category:analytics\":\"deny\"},\"source\":\"preference-centre\"}");

        assertThat(told).containsExactly("outcome accept-all", "outcome reject-all", "outcome custom");
    }

    @Test
    void anOutcomeThatDisagreesWithTheChoicesIsRefusedAndNothingIsTold() throws Exception {
        start(recording, Jurisdiction.JP);
        int stored = shop.store.eventCount();

        HttpResponse<String> wrongButton = server.post("/consent/choices", JSON, "{\"all\":\"deny\",\"outcome\":\"accept-all\"}");
        HttpResponse<String> unknown = server.post("/consent/choices", JSON, "{\"all\":\"grant\",\"outcome\":\"maybe\"}");

        assertThat(wrongButton.statusCode()).isEqualTo(400);
        assertThat(wrongButton.body()).contains("/outcome");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(told).isEmpty();
        assertThat(shop.store.eventCount()).isEqualTo(stored);
    }

    @Test
    void aRefusedCookieIsToldWithItsCategoryAndTheDecisionsReason() throws Exception {
        start(recording, Jurisdiction.JP);

        HttpResponse<String> response = server.get("/set?name=_fbp");

        assertThat(cookiesSet(response)).doesNotContain("_fbp");
        assertThat(told).containsExactly("dropped _fbp advertising NO_CONSENT");
    }

    @Test
    void aGpcSignalIsToldOncePerRequestWhereItIsHonouredOnly() throws Exception {
        start(recording, Jurisdiction.of("US-CA"));

        server.get("/set", "Sec-GPC", "1");
        server.get("/set", "Sec-GPC", "1", JettyShop.TEST_USER_HEADER, "alice");
        server.get("/set");

        assertThat(told).containsExactly("gpc US-CA visitor", "gpc US-CA customer");
        assertThat(shop.consents.state(SubjectId.customer("alice"),
                dev.consent4j.state.Signals.of(Jurisdiction.of("US-CA"))).allows("targeted-ads")).isFalse();
    }

    @Test
    void aGpcSignalWhereTheSettingsDoNotHonourItIsNotTold() throws Exception {
        start(recording, Jurisdiction.JP);

        server.get("/set", "Sec-GPC", "1");

        assertThat(told).isEmpty();
    }

    @Test
    void aListenerThatThrowsNeverFailsTheRequest() throws Exception {
        start(failing, Jurisdiction.of("US-CA"));

        HttpResponse<String> choice = server.post("/consent/choices", JSON,
                "{\"all\":\"grant\",\"outcome\":\"accept-all\",\"source\":\"banner\"}", "Sec-GPC", "1");
        HttpResponse<String> dropped = server.get("/set?name=_fbp", "Sec-GPC", "1");

        assertThat(choice.statusCode()).isEqualTo(200);
        assertThat(choice.body()).contains("\"allowed\":true");
        assertThat(dropped.statusCode()).isEqualTo(200);
        assertThat(cookiesSet(dropped)).doesNotContain("_fbp");
    }
}
