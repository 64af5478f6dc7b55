package dev.consent4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.examples.shop.Catalogue;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.load.PolicyCheckResult;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example shops' policy (in example-shop-common) validates and says what its comments say. It
 * is read from that module alone: the quick start has a {@code consent-policy.yaml} of its own.
 */
class ExamplePolicyTest {

    private static URLClassLoader shopCommon;

    @BeforeAll
    static void openShopCommon() {
        URL location = Catalogue.class.getProtectionDomain().getCodeSource().getLocation();
        shopCommon = new URLClassLoader(new URL[] {location}, null);
    }

    @AfterAll
    static void closeShopCommon() throws Exception {
        shopCommon.close();
    }

    @Test
    void examplePolicyValidatesWithoutErrorsOrWarnings() throws Exception {
        try (InputStream input = shopCommon.getResourceAsStream("consent-policy.yaml")) {
            PolicyCheckResult result = PolicyLoader.check("consent-policy.yaml", input);
            assertThat(result.problems()).isEmpty();
            assertThat(result.valid()).isTrue();
        }
    }

    @Test
    void examplePolicyDiffersByJurisdictionAsItsCommentsSay() {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", shopCommon);
        assertThat(policy.cookieCategory("analytics").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_OUT);
        assertThat(policy.cookieCategory("analytics").orElseThrow().basis().in(Jurisdiction.of("FR"))).isEqualTo(Basis.OPT_IN);
        assertThat(policy.purpose("newsletter").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_IN);
        assertThat(policy.categoryOfCookie("_ga_XYZ").orElseThrow().id()).isEqualTo("analytics");
        assertThat(policy.trackerOfHost("eu.pixel.skyads.example").orElseThrow().id()).isEqualTo("sky-ads-tag");
    }

    @Test
    void examplePolicyDeclaresALegalGroundADataSourceAndDescribedChanges() {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", shopCommon);
        assertThat(policy.recipient("card-issuers").orElseThrow().groundFor("fraud-prevention").ground())
                .isEqualTo(LegalGround.LAWS_AND_REGULATIONS);
        assertThat(policy.source("kaede-login").orElseThrow().dataItems()).containsExactly("name", "email");
        assertThat(policy.history().get(policy.history().size() - 1).changes()).extracting(Revision.Change::kind)
                .containsExactly(Revision.Kind.CHANGED, Revision.Kind.CHANGED, Revision.Kind.REMOVED);
        assertThat(policy.dataAbroad().orElseThrow().countries()).containsExactly("US");
    }
}
