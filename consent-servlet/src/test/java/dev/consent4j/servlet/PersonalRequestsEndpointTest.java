package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.provision.ProvisionReason;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Personal requests over HTTP on Jetty: customers file them, operators move them along. */
class PersonalRequestsEndpointTest {

    private static final String JSON = "application/json";
    private static final String USER = JettyShop.TEST_USER_HEADER;
    private static final SubjectId ALICE = SubjectId.customer("alice");

    private final ShopFixture shop = new ShopFixture();
    private final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
    private final ProvisionGate gate = ProvisionGate.builder(shop.consents, ledger).build();
    private final PersonalRequests requests = PersonalRequests.builder(shop.consents, ledger).provisions(ledger).build();
    private JettyShop server;

    @BeforeEach
    void start() throws Exception {
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock))
                .requests(requests)
                .operator(request -> "op-1".equals(request.getRemoteUser()))
                .build();
        server = new JettyShop().filter(shop.filter().build(), "/*").servlet(endpoints, "/consent/*").start();
        // Targeted ads are carried out through the advertising category, so both are granted.
        shop.consents.record(ChoiceRequest.of(ALICE, java.util.Map.of(Topic.purpose("targeted-ads"), Action.GRANT,
                Topic.category("advertising"), Action.GRANT), Source.ACCOUNT_PAGE, Jurisdiction.JP, null));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    @Test
    void aSignedInCustomerStopsProvisionAndItHoldsAtOnce() throws Exception {
        boolean before = gate.decide(ALICE, "ad-network", Jurisdiction.JP).allowed();

        HttpResponse<String> filed = server.post("/consent/requests", JSON, "{\"kind\":\"stop-provision\"}", USER, "alice");
        HttpResponse<String> mine = server.get("/consent/requests", USER, "alice");

        assertThat(before).isTrue();
        assertThat(filed.statusCode()).isEqualTo(202);
        assertThat(json(filed).get("status").stringValue()).isEqualTo("done");
        assertThat(json(filed).get("steps").findValuesAsString("status")).containsExactly("received", "identity-verified", "done");
        assertThat(gate.decide(ALICE, "ad-network", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.CONSENT_NOT_CURRENT);
        assertThat(json(mine).get("requests").get(0).get("id").stringValue()).isEqualTo(json(filed).get("id").stringValue());
    }

    @Test
    void badRequestsAnswer4xxWithJsonAndFileNothing() throws Exception {
        HttpResponse<String> anonymous = server.post("/consent/requests", JSON, "{\"kind\":\"disclosure\"}");
        HttpResponse<String> malformed = server.post("/consent/requests", JSON, "{\"kind\":", USER, "alice");
        HttpResponse<String> unknownKind = server.post("/consent/requests", JSON, "{\"kind\":\"forget-me-not\",\"x\":1}", USER, "alice");
        HttpResponse<String> necessary = server.post("/consent/requests", JSON,
                "{\"kind\":\"stop-use\",\"targets\":[\"order-fulfilment\"]}", USER, "alice");
        HttpResponse<String> crossSite = server.post("/consent/requests", JSON, "{\"kind\":\"disclosure\"}", USER, "alice",
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(json(unknownKind).toString()).contains("/kind", "/x");
        assertThat(necessary.statusCode()).isEqualTo(400);
        assertThat(json(necessary).toString()).contains("necessary");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        for (HttpResponse<String> response : List.of(anonymous, malformed, unknownKind, necessary, crossSite)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        }
        assertThat(requests.of(ALICE)).isEmpty();
    }

    @Test
    void anOperatorCarriesOutAnErasureAndCannotDoItTwice() throws Exception {
        String id = json(server.post("/consent/requests", JSON, "{\"kind\":\"erasure\",\"details\":\"close my account\"}",
                USER, "alice")).get("id").stringValue();

        HttpResponse<String> notOperator = server.get("/consent/operator/requests", USER, "alice");
        HttpResponse<String> open = server.get("/consent/operator/requests", USER, "op-1");
        HttpResponse<String> noReason = server.post("/consent/operator/requests/" + id, JSON, "{\"action\":\"refuse\"}",
                USER, "op-1");
        HttpResponse<String> done = server.post("/consent/operator/requests/" + id, JSON, "{\"action\":\"complete\"}",
                USER, "op-1");
        HttpResponse<String> again = server.post("/consent/operator/requests/" + id, JSON, "{\"action\":\"complete\"}",
                USER, "op-1");
        HttpResponse<String> unknown = server.post("/consent/operator/requests/not-an-id", JSON, "{\"action\":\"complete\"}",
                USER, "op-1");

        assertThat(notOperator.statusCode()).isEqualTo(403);
        assertThat(json(open).get("requests")).hasSize(1);
        assertThat(json(open).get("requests").get(0).get("status").stringValue()).isEqualTo("identity-verified");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done).get("status").stringValue()).isEqualTo("done");
        assertThat(json(done).get("steps").get(2).get("operator").stringValue()).isEqualTo("op-1");
        assertThat(json(done).get("steps").get(2).get("note").stringValue()).contains("kept:");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(shop.consents.allows(ALICE, "targeted-ads")).isFalse();
    }

    @Test
    void theExportHoldsProvisionRecordsAndRequests() throws Exception {
        gate.provide(ALICE, "ad-network", List.of(shop.consents.policy().recipient("ad-network").orElseThrow().dataItems().get(0)),
                Jurisdiction.JP);
        server.post("/consent/requests", JSON, "{\"kind\":\"provision-records\"}", USER, "alice");

        JsonNode export = json(server.get("/consent/export", USER, "alice"));

        assertThat(export.get("format").intValue()).isEqualTo(3);
        assertThat(export.get("provisionRecords").get(0).get("recipient").stringValue()).isEqualTo("ad-network");
        assertThat(export.get("provisionRecords").get(0).get("entries").get(0).get("consentEvent").isString()).isTrue();
        assertThat(export.get("requests").get(0).get("kind").stringValue()).isEqualTo("provision-records");
    }
}
