package dev.consent4j.servlet;

import static dev.consent4j.servlet.testing.JettyShop.cookiesSet;
import static dev.consent4j.servlet.testing.JettyShop.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.testing.CookieSettingServlet;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop moves to a new policy version while visitors keep their cookies and the store keeps
 * their events: the cookie a visitor gets under the new version carries every choice that still
 * stands, whatever version it was made under, and enforcement agrees with the store.
 */
class ConsentEndpointsPolicyChangeTest {

    private static final String JSON = "application/json";
    private static final Signals JP = Signals.of(Jurisdiction.JP);

    /** The test shop's policy, 2026-11. */
    private static final Policy V1 = ShopFixture.POLICY;
    /** 2026-12 changes only targeted advertising. */
    private static final Policy V2 = variant(text -> text
            .replace("version: \"2026-11\"\neffective", "version: \"2026-12\"\neffective")
            .replace("  - {version: \"2026-11\", changed: []}",
                    "  - {version: \"2026-11\", changed: []}\n  - {version: \"2026-12\", changed: [targeted-ads]}"));
    /** 2027-01 no longer has targeted advertising at all (a history cannot name a topic the policy lacks). */
    private static final Policy V3 = variant(text -> text
            .replace("version: \"2026-11\"\neffective", "version: \"2027-01\"\neffective")
            .replace("""
                      - id: targeted-ads
                        title: {ja: 興味に合わせた広告, en: Personalised advertising}
                        basis: opt-in
                        targeted-advertising: true
                        cookie-categories: [advertising]   # its trackers are the advertising category's; refusing either stops both
                        sale-or-sharing: true
                        data-items: [cookie-id]
                        recipients: [ad-network]
                    """, "")
            .replace("purposes: [targeted-ads]", "purposes: []")
            .replace("  - {version: \"2026-11\", changed: []}", "  - {version: \"2026-11\", changed: []}\n"
                    + "  - {version: \"2026-12\", changed: []}\n  - {version: \"2027-01\", changed: []}"));

    /** 2027-01 as above, with a history that says targeted advertising was removed, and why. */
    private static final Policy V4 = variant(text -> text
            .replace("version: \"2026-11\"\neffective", "version: \"2027-01\"\neffective")
            .replace("""
                      - id: targeted-ads
                        title: {ja: 興味に合わせた広告, en: Personalised advertising}
                        basis: opt-in
                        targeted-advertising: true
                        cookie-categories: [advertising]   # its trackers are the advertising category's; refusing either stops both
                        sale-or-sharing: true
                        data-items: [cookie-id]
                        recipients: [ad-network]
                    """, "")
            .replace("purposes: [targeted-ads]", "purposes: []")
            .replace("  - {version: \"2026-11\", changed: []}", "  - {version: \"2026-11\", changed: []}\n"
                    + "  - {version: \"2026-12\", changed: []}\n  - version: \"2027-01\"\n    changes:\n"
                    + "      - {topic: targeted-ads, change: removed, description: {ja: 興味に合わせた広告を終了しました, "
                    + "en: Personalised advertising has ended}}"));

    private final ShopFixture shop = new ShopFixture();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(shop.keys, shop.clock);
    private JettyShop server;
    private ConsentFilter filter;
    private ConsentManager consents;

    private static Policy variant(java.util.function.UnaryOperator<String> change) {
        try (InputStream in = ConsentEndpointsPolicyChangeTest.class.getClassLoader()
                .getResourceAsStream("dev/consent4j/servlet/shop-policy.yaml")) {
            String original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String changed = change.apply(original);
            if (changed.equals(original)) {
                throw new IllegalStateException("the policy variant changed nothing");
            }
            return PolicyLoader.load("variant", new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (Re)starts the shop under {@code policy}, on the same store, clock and keys. */
    private void deploy(Policy policy) throws Exception {
        if (server != null) {
            server.close();
        }
        consents = ConsentManager.builder(policy, shop.store).clock(shop.clock)
                .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build()).build();
        filter = ConsentFilter.builder(consents, shop.keys).jurisdictions(JurisdictionResolver.cloudflare(Jurisdiction.JP)).build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(consents, tokens).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*")
                .servlet(new CookieSettingServlet(), "/set").start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> choose(String choices, String cookie) throws Exception {
        HttpResponse<String> response = cookie == null
                ? server.post("/consent/choices", JSON, "{\"choices\":" + choices + "}")
                : server.post("/consent/choices", JSON, "{\"choices\":" + choices + "}", "Cookie", cookie);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String consentCookie(HttpResponse<String> response) {
        String header = setCookies(response).stream().filter(h -> h.startsWith("consent=")).findFirst().orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static String decision(JsonNode state, String topic) {
        for (JsonNode decision : state.get("decisions")) {
            if (decision.get("topic").stringValue().equals(topic)) {
                return decision.get("allowed").booleanValue() + " " + decision.get("reason").stringValue();
            }
        }
        throw new AssertionError("no decision on " + topic + " in " + state);
    }

    /** Per topic, whether it is allowed and why: what enforcement acts on. */
    private static java.util.Map<Topic, String> outcomes(ConsentState state) {
        java.util.Map<Topic, String> outcomes = new java.util.LinkedHashMap<>();
        state.decisions().forEach((topic, decision) -> outcomes.put(topic, decision.allowed() + " " + decision.reason()));
        return outcomes;
    }

    private ConsentCookie read(String cookie) {
        return filter.codec().decode(cookie.substring(cookie.indexOf('=') + 1), shop.clock.instant()).cookie();
    }

    /**
     * The observation in "One answer everywhere": an objection to analytics under 2026-11, then a
     * grant of targeted advertising under 2026-12, which changed only that purpose. The new
     * cookie held only the 2026-12 choice, so analytics fell back to its opt-out default and its
     * cookie was set again, while the store still held the objection.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"deny, DENIED", "object, OBJECTED"})
    void aRefusalUnderTheOldVersionStillStopsTheCookieAfterAChoiceUnderTheNewOne(String action, String reason)
            throws Exception {
        deploy(V1);
        String before = consentCookie(choose("{\"category:analytics\":\"" + action + "\",\"category:advertising\":\"grant\"}", null));
        assertThat(cookiesSet(server.get("/set?name=_ga", "Cookie", before))).doesNotContain("_ga");

        shop.clock.advance(Duration.ofDays(20));
        deploy(V2);
        HttpResponse<String> granted = choose("{\"purpose:targeted-ads\":\"grant\"}", before);
        String after = consentCookie(granted);

        assertThat(decision(json(granted), "category:analytics")).isEqualTo("false " + reason);
        assertThat(cookiesSet(server.get("/set?name=_ga", "Cookie", after))).doesNotContain("_ga");
        JsonNode state = json(server.get("/consent/state", "Cookie", after));
        assertThat(state.get("categories").get("analytics").booleanValue()).isFalse();
        assertThat(decision(state, "category:analytics")).isEqualTo("false " + reason);
        assertThat(decision(state, "purpose:targeted-ads")).isEqualTo("true GRANTED");
        // The store says the same.
        SubjectId visitor = read(after).visitor();
        assertThat(consents.state(visitor, JP).categoryAllowed("analytics")).isFalse();
    }

    @Test
    void theCookieHoldsTheStoredStandingChoicesWithTheirOwnVersionTimeAndActor() throws Exception {
        deploy(V1);
        shop.clock.advance(Duration.ofMillis(250));
        Instant first = shop.clock.instant();
        String cookie = consentCookie(choose("{\"category:analytics\":\"object\",\"category:advertising\":\"grant\"}", null));
        shop.clock.advance(Duration.ofDays(3).plusMillis(600));
        deploy(V2);
        Instant second = shop.clock.instant();
        cookie = consentCookie(choose("{\"purpose:targeted-ads\":\"grant\",\"category:advertising\":\"deny\"}", cookie));

        ConsentCookie carried = read(cookie);
        SubjectId visitor = carried.visitor();

        assertThat(carried.madeAt()).isEqualTo(second.truncatedTo(ChronoUnit.SECONDS));
        assertThat(carried.asChoices()).containsExactly(
                new Choice(Topic.category("advertising"), Action.DENY, second.truncatedTo(ChronoUnit.SECONDS), "2026-12",
                        Actor.Kind.SELF, null),
                new Choice(Topic.category("analytics"), Action.OBJECT, first.truncatedTo(ChronoUnit.SECONDS), "2026-11",
                        Actor.Kind.SELF, null),
                new Choice(Topic.purpose("targeted-ads"), Action.GRANT, second.truncatedTo(ChronoUnit.SECONDS), "2026-12",
                        Actor.Kind.SELF, null));
        List<Choice> stored = StateFolder.latestChoices(shop.store.events(visitor)).stream()
                .map(c -> new Choice(c.topic(), c.action(), c.at().truncatedTo(ChronoUnit.SECONDS), c.policyVersion(),
                        c.actor(), null))
                .toList();
        assertThat(carried.asChoices()).containsExactlyInAnyOrderElementsOf(stored);
        // Enforcement from the cookie alone gives the store's decisions.
        assertThat(outcomes(new StateFolder(consents.policy(), consents.settings()).fold(visitor, carried.asChoices(), JP, shop.clock.instant())))
                .isEqualTo(outcomes(consents.state(visitor, JP)));
    }

    @Test
    void topicsTheCurrentPolicyNoLongerHasAreLeftOut() throws Exception {
        deploy(V2);
        String cookie = consentCookie(choose("{\"purpose:targeted-ads\":\"grant\",\"category:analytics\":\"deny\"}", null));
        shop.clock.advance(Duration.ofDays(1));
        deploy(V3);
        cookie = consentCookie(choose("{\"category:advertising\":\"grant\"}", cookie));

        assertThat(read(cookie).asChoices()).extracting(Choice::topic)
                .containsExactly(Topic.category("advertising"), Topic.category("analytics"));
    }

    /**
     * A removed topic's choice is archived: not among the decisions, listed under {@code archived}
     * with the version that removed it, marked in the export, and the change's description is in
     * the JSON the banner reads.
     */
    @Test
    void aChoiceOnARemovedTopicIsArchivedAndTheChangeIsDescribed() throws Exception {
        deploy(V2);
        String cookie = consentCookie(choose("{\"purpose:targeted-ads\":\"grant\",\"category:analytics\":\"deny\"}", null));
        shop.clock.advance(Duration.ofDays(1));
        deploy(V4);

        JsonNode state = json(server.get("/consent/state", "Cookie", cookie, "Accept-Language", "en"));
        assertThat(state.get("purposes").has("targeted-ads")).isFalse();
        assertThat(state.get("archived")).singleElement().satisfies(archived -> {
            assertThat(archived.get("topic").stringValue()).isEqualTo("purpose:targeted-ads");
            assertThat(archived.get("action").stringValue()).isEqualTo("grant");
            assertThat(archived.get("policyVersion").stringValue()).isEqualTo("2026-12");
            assertThat(archived.get("removedIn").stringValue()).isEqualTo("2027-01");
        });
        assertThat(decision(state, "category:analytics")).isEqualTo("false DENIED");
        assertThat(state.get("changes")).singleElement().satisfies(version -> {
            assertThat(version.get("version").stringValue()).isEqualTo("2027-01");
            assertThat(version.get("changes").get(0).get("change").stringValue()).isEqualTo("removed");
            assertThat(version.get("changes").get(0).get("description").stringValue())
                    .isEqualTo("Personalised advertising has ended");
        });
        JsonNode policy = json(server.get("/consent/policy?lang=ja"));
        assertThat(policy.get("changes").get(0).get("changes").get(0).get("description").stringValue())
                .isEqualTo("興味に合わせた広告を終了しました");

        JsonNode export = json(server.get("/consent/export", "Cookie", cookie));
        assertThat(export.get("events")).extracting(e -> e.get("topic").stringValue() + " " + e.get("archived").booleanValue())
                .containsExactlyInAnyOrder("purpose:targeted-ads true", "category:analytics false");
    }

    @Test
    void aVisitorsChoiceReadsNoneOfTheirEventsBeyondRecordingThem() throws Exception {
        deploy(V1);
        String cookie = consentCookie(choose("{\"category:analytics\":\"deny\"}", null));
        int before = shop.store.eventReads();

        choose("{\"category:advertising\":\"deny\"}", cookie);

        // The manager answers the state with the request's signals and the cookie's choices from
        // the latest event per topic, which it reads with the append; the chain is not read.
        assertThat(shop.store.eventReads() - before).isEqualTo(0);
    }
}
