package dev.consent4j.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three seed policies, modelled as fixtures, load and keep what they declare. */
class SeedFixturesTest {

    private static Policy fixture(String name) {
        return PolicyLoader.loadResource("dev/consent4j/policy/fixtures/" + name, SeedFixturesTest.class.getClassLoader());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cake-marketplace.yaml", "small-sweets.json", "mama-store.yaml"})
    void eachFixtureLoadsWithoutProblems(String name) throws Exception {
        try (var input = getClass().getClassLoader().getResourceAsStream("dev/consent4j/policy/fixtures/" + name)) {
            PolicyCheckResult result = PolicyLoader.check(name, input);
            assertThat(result.problems()).isEmpty();
        }
    }

    @Test
    void marketplaceDeclaresProcessorsJointUseAnOptOutRouteAndAForeignAdNetwork() {
        Policy policy = fixture("cake-marketplace.yaml");
        assertThat(policy.recipient("bakeries").orElseThrow().relation()).isEqualTo(Relation.PROCESSOR);
        assertThat(policy.recipient("gift-partner").orElseThrow().jointUse().responsible().representative().get("ja"))
                .contains("代表取締役");
        assertThat(policy.recipient("list-partner").orElseThrow().optOutRoute().startDate()).hasToString("2022-05-01");
        assertThat(policy.recipient("ad-network").orElseThrow().foreignTransfer()).isNotNull();
        assertThat(policy.trackerOfHost("x.track.adnet.example").orElseThrow().id()).isEqualTo("affiliate");
        assertThat(policy.categoryOfCookie("aff_campaign").orElseThrow().id()).isEqualTo("advertising");
        Recipient issuer = policy.recipient("card-issuer").orElseThrow();
        assertThat(issuer.groundFor("billing").ground()).isEqualTo(LegalGround.LAWS_AND_REGULATIONS);
        assertThat(issuer.examples()).containsExactly("Kaku Card", "Mirai Pay");
        assertThat(issuer.andOthers()).isTrue();
        assertThat(policy.source("social-login").orElseThrow().dataItems()).containsExactly("name", "email");
        assertThat(policy.dataAbroad().orElseThrow().countries()).containsExactly("US");
        assertThat(policy.history().get(1).changes()).extracting(Revision.Change::kind)
                .containsExactly(Revision.Kind.ADDED, Revision.Kind.CHANGED, Revision.Kind.REMOVED);
        assertThat(policy.changedSince("2021-10", "partner-provision")).isTrue();
        assertThat(policy.changedSince("2021-10", "billing")).isFalse();
        assertThat(policy.removedSince("2021-10", "paper-catalogue")).isEqualTo("2022-04");
    }

    @Test
    void smallShopInJsonKeepsItsOptInMailMagazineAndOptOutStatistics() {
        Policy policy = fixture("small-sweets.json");
        assertThat(policy.purpose("mail-magazine").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_IN);
        assertThat(policy.purpose("statistics").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_OUT);
        assertThat(policy.dataItems()).hasSize(6);
    }

    @Test
    void storeWithPostAndPhoneMarketingAsksGuardiansUnderTwenty() {
        Policy policy = fixture("mama-store.yaml");
        assertThat(policy.purpose("offers-dm").orElseThrow().channels()).containsExactly("post", "phone", "fax");
        assertThat(policy.minorRules()).singleElement().satisfies(rule -> {
            assertThat(rule.guardianBelowAge()).isEqualTo(20);
            assertThat(rule.covers(Jurisdiction.JP, "surveys")).isTrue();
        });
        assertThat(policy.changedSince("2", "offers-dm")).isTrue();
        assertThat(policy.changedSince("2", "offers-mail")).isFalse();
        assertThat(policy.changedSince("1", "offers-mail")).as("unknown old version").isTrue();
    }

    @Test
    void jsonAndYamlGiveTheSamePolicy() {
        String yaml = BadPolicyTest.VALID;
        Policy fromYaml = BadPolicyTest.check(yaml, "p.yaml").orThrow();
        String json = new tools.jackson.databind.ObjectMapper().writeValueAsString(
                new tools.jackson.dataformat.yaml.YAMLMapper().readValue(yaml, Object.class));
        Policy fromJson = BadPolicyTest.check(json, "p.json").orThrow();
        assertThat(fromJson.purposes()).isEqualTo(fromYaml.purposes());
        assertThat(fromJson.cookieCategories()).isEqualTo(fromYaml.cookieCategories());
        assertThat(fromJson.recipients()).isEqualTo(fromYaml.recipients());
        assertThat(fromJson.trackers()).isEqualTo(fromYaml.trackers());
        assertThat(fromJson.history()).isEqualTo(fromYaml.history());
    }
}
