package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.state.AgeBand;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Minors on the request path, on Jetty: the filter learns a signed-in customer's age from the
 * shop's {@link CustomerAgeResolver}, a minor's own grant does not count, and a guardian's grant
 * through {@code POST /consent/guardian-consent} from the session does, where the shop opted in
 * ({@code sessionGuardianConsent}) — the decision function says which and why. Without the opt-in
 * the session path is refused; the link path is {@link GuardianLinkEndpointTest}'s.
 */
class GuardianConsentEndpointTest {

    private static final String JSON = "application/json";
    private static final String USER = JettyShop.TEST_USER_HEADER;
    private static final SubjectId KENTA = SubjectId.customer("kenta");

    private final ShopFixture shop = new ShopFixture();
    private JettyShop server;

    @BeforeEach
    void start() throws Exception {
        // Kenta gave an age band at sign-up; Hana a birth date (she is 30); nothing is known of others.
        CustomerAgeResolver ages = (customer, request) -> switch (customer.value()) {
            case "kenta" -> AgeBand.between(13, 15);
            case "hana" -> AgeBand.bornOn(LocalDate.of(1996, 4, 1), LocalDate.of(2026, 11, 20));
            default -> null;
        };
        // This shop's sign-up screen has the guardian present, so it opts in to consent from the session.
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock))
                .sessionGuardianConsent(true).build();
        server = new JettyShop().filter(shop.filter().ages(ages).build(), "/*").servlet(endpoints, "/consent/*").start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static String reason(HttpResponse<String> state, String topic) {
        for (JsonNode decision : json(state).get("decisions")) {
            if (decision.get("topic").stringValue().equals(topic)) {
                return decision.get("reason").stringValue();
            }
        }
        throw new AssertionError("no decision on " + topic + " in " + state.body());
    }

    @Test
    void aMinorsOwnGrantDoesNotCountAndTheGuardiansDoes() throws Exception {
        HttpResponse<String> own = server.post("/consent/choices", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}",
                USER, "kenta");
        HttpResponse<String> guardian = server.post("/consent/guardian-consent", JSON,
                "{\"choices\":{\"purpose:newsletter\":\"grant\"},\"language\":\"ja\"}", USER, "kenta", "User-Agent", "GuardianPhone/1");
        HttpResponse<String> state = server.get("/consent/state", USER, "kenta");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(reason(own, "purpose:newsletter")).isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN.name());
        assertThat(guardian.statusCode()).isEqualTo(200);
        assertThat(reason(guardian, "purpose:newsletter")).isEqualTo(Reason.GRANTED.name());
        assertThat(reason(state, "purpose:newsletter")).isEqualTo(Reason.GRANTED.name());
        ConsentEvent recorded = last(KENTA);
        assertThat(recorded.actor()).isEqualTo(Actor.GUARDIAN);
        assertThat(recorded.source()).isEqualTo(Source.GUARDIAN_CONSENT);
        assertThat(recorded.evidence().language()).isEqualTo("ja");
        assertThat(recorded.evidence().userAgent()).isEqualTo("GuardianPhone/1");
        assertThat(recorded.evidence().noticeVersion()).isEqualTo(shop.consents.policy().version());
        // The same decision through the API, with the same age known.
        assertThat(shop.consents.state(KENTA, AgeBand.between(13, 15).applyTo(Signals.of(Jurisdiction.JP)))
                .purpose("newsletter").reason()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void anAdultsAgeFromABirthDateLeavesTheirOwnGrantCounting() throws Exception {
        HttpResponse<String> own = server.post("/consent/choices", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}",
                USER, "hana");
        assertThat(reason(own, "purpose:newsletter")).isEqualTo(Reason.GRANTED.name());
    }

    @Test
    void aGuardiansRefusalStandsAndIsTheGuardians() throws Exception {
        server.post("/consent/guardian-consent", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}", USER, "kenta");
        HttpResponse<String> withdrawn = server.post("/consent/guardian-consent", JSON,
                "{\"choices\":{\"purpose:newsletter\":\"withdraw\"}}", USER, "kenta");

        assertThat(reason(withdrawn, "purpose:newsletter")).isEqualTo(Reason.WITHDRAWN.name());
        assertThat(last(KENTA).actor()).isEqualTo(Actor.GUARDIAN);
    }

    @Test
    void refusedRequestsRecordNothing() throws Exception {
        List<HttpResponse<String>> refused = List.of(
                server.post("/consent/guardian-consent", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}"),
                server.post("/consent/guardian-consent", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}", USER, "kenta",
                        "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
                server.post("/consent/guardian-consent", JSON, "{\"choices\":{\"purpose:order-fulfilment\":\"deny\"}}", USER, "kenta"),
                server.post("/consent/guardian-consent", JSON, "{\"choices\":{\"purpose:newsletter\":\"object\"}}", USER, "kenta"));

        assertThat(refused).extracting(HttpResponse::statusCode).containsExactly(401, 403, 400, 400);
        for (HttpResponse<String> response : refused) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        }
        assertThat(shop.consents.history(KENTA, Signals.of(Jurisdiction.JP)).events()).isEmpty();
    }

    @Test
    void aFailingAgeResolverLeavesTheAgeUnknownAndTheRequestServed() throws Exception {
        CustomerAgeResolver broken = (customer, request) -> {
            throw new IllegalStateException("account service down");
        };
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock)).build();
        try (JettyShop other = new JettyShop().filter(shop.filter().ages(broken).build(), "/*").servlet(endpoints, "/consent/*")
                .start()) {
            HttpResponse<String> own = other.post("/consent/choices", JSON, "{\"choices\":{\"purpose:newsletter\":\"grant\"}}",
                    USER, "kenta");
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(reason(own, "purpose:newsletter")).as("no age, no minors rule").isEqualTo(Reason.GRANTED.name());
        }
    }

    @Test
    void withoutTheOptInTheMinorsSessionCannotGiveTheGuardiansConsent() throws Exception {
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock)).build();
        try (JettyShop other = new JettyShop().filter(shop.filter().build(), "/*").servlet(endpoints, "/consent/*").start()) {
            HttpResponse<String> refused = other.post("/consent/guardian-consent", JSON,
                    "{\"choices\":{\"purpose:newsletter\":\"grant\"}}", USER, "kenta");

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(json(refused).get("detail").stringValue()).contains("link");
            assertThat(shop.consents.history(KENTA, Signals.of(Jurisdiction.JP)).events()).isEmpty();
        }
    }

    private ConsentEvent last(SubjectId subject) {
        List<ConsentEvent> events = shop.consents.history(subject, Signals.of(Jurisdiction.JP)).events();
        return events.get(events.size() - 1);
    }
}
