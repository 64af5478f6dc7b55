package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /policy} bodies are cached by the rules a jurisdiction selects, not by the code the client
 * sends: a client can send millions of region codes, and each must not cost a cached body.
 */
class ConsentEndpointsPolicyCacheTest {

    /** Analytics is opt-out by default, opt-in in the EU, and necessary (no choice) in Texas. */
    private static final Policy POLICY = variant();

    private final ShopFixture shop = new ShopFixture();
    private final ConsentManager consents = ConsentManager.builder(POLICY, shop.store).clock(shop.clock)
            .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build()).build();
    private ConsentEndpoints endpoints;
    private JettyShop server;

    @BeforeEach
    void start() throws Exception {
        ConsentFilter filter = ConsentFilter.builder(consents, shop.keys)
                .jurisdictions(JurisdictionResolver.cloudfront(Jurisdiction.JP)).build();
        endpoints = ConsentEndpoints.builder(consents, new UnsubscribeTokens(shop.keys, shop.clock)).build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*").start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> policyFor(String country, String region) throws Exception {
        return server.get("/consent/policy?lang=en", "CloudFront-Viewer-Country", country,
                "CloudFront-Viewer-Country-Region", region);
    }

    private static boolean analyticsChoosable(HttpResponse<String> response) {
        JsonNode categories = JsonMapper.shared().readTree(response.body()).get("categories");
        for (JsonNode category : categories) {
            if (category.get("id").stringValue().equals("analytics")) {
                return category.get("choosable").booleanValue();
            }
        }
        throw new AssertionError("no analytics category in " + response.body());
    }

    @Test
    void jurisdictionsWithTheSameRulesShareOneBodyAndEtag() throws Exception {
        HttpResponse<String> california = policyFor("US", "CA");
        HttpResponse<String> oregon = policyFor("US", "OR");
        HttpResponse<String> texas = policyFor("US", "TX");
        String etag = california.headers().firstValue("ETag").orElseThrow();

        assertThat(california.statusCode()).isEqualTo(200);
        assertThat(oregon.body()).isEqualTo(california.body());
        assertThat(oregon.headers().firstValue("ETag")).hasValue(etag);
        assertThat(texas.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(analyticsChoosable(california)).isTrue();
        assertThat(analyticsChoosable(texas)).isFalse();
        // A cached body answered for another code still revalidates.
        HttpResponse<String> revalidated = server.get("/consent/policy?lang=en", "CloudFront-Viewer-Country", "US",
                "CloudFront-Viewer-Country-Region", "NY", "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(endpoints.cachedPolicyBodies()).isEqualTo(2);
    }

    @Test
    void thousandsOfRegionCodesCostOneCachedBodyPerRuleSet() throws Exception {
        String[] countries = {"US", "DE", "JP", "FR", "BR"};
        Map<String, String> etagByRules = new HashMap<>();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < 5_000; i++) {
            String country = countries[i % countries.length];
            int n = i / countries.length;
            String region = "" + alphabet.charAt(n / 36 / 36 % 36) + alphabet.charAt(n / 36 % 36) + alphabet.charAt(n % 36);
            HttpResponse<String> response = policyFor(country, region);
            assertThat(response.statusCode()).isEqualTo(200);
            // Germany and France are in the EU (opt-in); the others take the default (opt-out).
            String rules = country.equals("DE") || country.equals("FR") ? "EU" : "default";
            assertThat(analyticsChoosable(response)).isTrue();
            String etag = response.headers().firstValue("ETag").orElseThrow();
            assertThat(etagByRules.computeIfAbsent(rules, r -> etag)).isEqualTo(etag);
        }
        // Two rule sets (EU, elsewhere), one language, one base.
        assertThat(endpoints.cachedPolicyBodies()).isEqualTo(2);
        HttpResponse<String> texas = policyFor("US", "TX");
        assertThat(analyticsChoosable(texas)).isFalse();
        assertThat(endpoints.cachedPolicyBodies()).isEqualTo(3);
    }

    private static Policy variant() {
        try (InputStream in = ConsentEndpointsPolicyCacheTest.class.getClassLoader()
                .getResourceAsStream("dev/consent4j/servlet/shop-policy.yaml")) {
            String original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String changed = original.replace("basis: {default: opt-out, EU: opt-in}",
                    "basis: {default: opt-out, EU: opt-in, US-TX: necessary}");
            if (changed.equals(original)) {
                throw new IllegalStateException("the policy variant changed nothing");
            }
            return PolicyLoader.load("variant", new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
