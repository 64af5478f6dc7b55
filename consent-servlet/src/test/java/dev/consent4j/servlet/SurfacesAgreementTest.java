package dev.consent4j.servlet;

import static dev.consent4j.servlet.testing.JettyShop.cookiesSet;
import static dev.consent4j.servlet.testing.JettyShop.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.testing.CookieSettingServlet;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.StateServlet;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Signals;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web doors agree with the core decision: after generated choices through the endpoints
 * (single choices, accept or reject all, "Do not sell or share"), from Japan, the EU or the US,
 * with or without GPC, {@code /consent/state} (decisions, categories, purposes, needsChoice,
 * consentMode), the state the filter gives the application, the cookies the filter lets through
 * and the hosts its Content-Security-Policy opens all say what {@code ConsentManager.state} says.
 */
class SurfacesAgreementTest {

    private static final String JSON = "application/json";
    private static final List<String> TOPICS = List.of("category:analytics", "category:advertising", "purpose:targeted-ads");
    private static final List<String> ACTIONS = List.of("grant", "deny", "withdraw", "object");
    private static final List<String> COUNTRIES = List.of("JP", "FR", "US");

    private static ShopFixture shop;
    private static JettyShop server;

    @BeforeContainer
    static void start() throws Exception {
        shop = new ShopFixture();
        ConsentFilter filter = shop.filter().jurisdictions(JurisdictionResolver.cloudflare(Jurisdiction.JP))
                .contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'").build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock)).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*").servlet(new StateServlet(), "/state")
                .servlet(new CookieSettingServlet(), "/set").start();
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void everyWebDoorSaysWhatTheCoreSays(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
        String cookie = null;
        int posts = 1 + random.nextInt(3);
        for (int i = 0; i < posts; i++) {
            String where = random.nextInt(4) == 0 ? COUNTRIES.get(random.nextInt(COUNTRIES.size())) : country;
            HttpResponse<String> chosen = choose(random, cookie, where);
            assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
            cookie = setCookies(chosen).stream().filter(h -> h.startsWith("consent=")).findFirst()
                    .map(h -> h.substring(0, h.indexOf(';'))).orElse(cookie);
        }
        boolean gpc = random.nextBoolean();
        String[] headers = {"Cookie", cookie, "CF-IPCountry", country, "Sec-GPC", gpc ? "1" : "0"};

        JsonNode state = JsonMapper.shared().readTree(server.get("/consent/state", headers).body());
        List<String> filterState = server.get("/state", headers).body().lines().toList();
        HttpResponse<String> page = server.get("/set?how=add-cookie&name=_ga&name=_fbp&name=JSESSIONID", headers);

        SubjectId visitor = SubjectId.parse(filterState.get(0).substring("subject ".length()));
        ConsentState core = shop.consents.state(visitor, Signals.of(Jurisdiction.of(country)).withGpc(gpc));

        Map<String, String> expected = new LinkedHashMap<>();
        for (Decision decision : core.decisions().values()) {
            expected.put(decision.topic().toString(), decision.allowed() + " " + decision.reason());
        }
        Map<String, String> fromEndpoint = new LinkedHashMap<>();
        for (JsonNode decision : state.get("decisions")) {
            fromEndpoint.put(decision.get("topic").stringValue(),
                    decision.get("allowed").booleanValue() + " " + decision.get("reason").stringValue());
        }
        Map<String, String> fromFilter = new LinkedHashMap<>();
        for (String line : filterState.subList(2, filterState.size())) {
            String[] parts = line.split(" ");
            fromFilter.put(parts[0], parts[1] + " " + parts[2]);
        }
        assertThat(fromEndpoint).as("/consent/state").isEqualTo(expected);
        assertThat(fromFilter).as("the filter's state").isEqualTo(expected);
        assertThat(state.get("needsChoice").booleanValue()).isEqualTo(core.needsChoice());
        core.consentMode().forEach((type, granted) ->
                assertThat(state.get("consentMode").get(type).stringValue()).as(type).isEqualTo(granted ? "granted" : "denied"));
        for (var category : shop.consents.policy().cookieCategories()) {
            assertThat(state.get("categories").get(category.id()).booleanValue()).isEqualTo(core.categoryAllowed(category.id()));
        }

        List<String> passed = cookiesSet(page);
        assertThat(passed.contains("_ga")).as("analytics cookie").isEqualTo(core.categoryAllowed("analytics"));
        assertThat(passed.contains("_fbp")).as("advertising cookie").isEqualTo(core.categoryAllowed("advertising"));
        assertThat(passed).contains("JSESSIONID");
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp.contains("ads.example")).as("CSP opens the ad hosts: %s", csp).isEqualTo(core.categoryAllowed("advertising"));
        assertThat(csp.contains("metrics.example")).as("CSP opens the metrics host: %s", csp)
                .isEqualTo(core.categoryAllowed("analytics"));
    }

    private static HttpResponse<String> choose(Random random, String cookie, String country) throws Exception {
        List<String> headers = new ArrayList<>(List.of("CF-IPCountry", country));
        if (cookie != null) {
            headers.addAll(List.of("Cookie", cookie));
        }
        String[] sent = headers.toArray(String[]::new);
        int kind = random.nextInt(10);
        if (kind == 0) {
            return server.post("/consent/do-not-sell", null, "", sent);
        }
        if (kind <= 2) {
            return server.post("/consent/choices", JSON, "{\"all\":\"" + (random.nextBoolean() ? "grant" : "deny") + "\"}", sent);
        }
        StringBuilder choices = new StringBuilder();
        for (String topic : TOPICS) {
            if (random.nextBoolean()) {
                choices.append(choices.length() == 0 ? "" : ",").append('"').append(topic).append("\":\"")
                        .append(ACTIONS.get(random.nextInt(ACTIONS.size()))).append('"');
            }
        }
        if (choices.length() == 0) {
            choices.append("\"category:analytics\":\"grant\"");
        }
        return server.post("/consent/choices", JSON, "{\"choices\":{" + choices + "}}", sent);
    }
}
