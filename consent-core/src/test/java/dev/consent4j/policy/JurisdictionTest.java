package dev.consent4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keys a jurisdiction looks up, most specific first, and the groups consent4j knows. */
class JurisdictionTest {

    @Test
    void subdivisionsThenCountriesThenGroups() {
        assertThat(Jurisdiction.of("US-CA").lookupChain()).containsExactly("US-CA", "US");
        assertThat(Jurisdiction.of("DE").lookupChain()).containsExactly("DE", "EU");
        assertThat(Jurisdiction.of("NO").lookupChain()).as("EEA outside the EU").containsExactly("NO", "EU");
        assertThat(Jurisdiction.of("GB").lookupChain()).containsExactly("GB", "UK");
        assertThat(Jurisdiction.of("GB-SCT").lookupChain()).containsExactly("GB-SCT", "GB", "UK");
        assertThat(Jurisdiction.of("UK").lookupChain()).containsExactly("UK");
        assertThat(Jurisdiction.CH.lookupChain()).as("revDSG: no group").containsExactly("CH");
        assertThat(Jurisdiction.JP.lookupChain()).containsExactly("JP");
    }

    @Test
    void aBasisOverrideForAGroupReachesItsMembersButASubdivisionKeyWins() {
        BasisRule rule = new BasisRule(Basis.OPT_OUT, java.util.Map.of("UK", Basis.OPT_IN, "GB-NIR", Basis.OPT_OUT,
                "US-CO", Basis.OPT_IN));
        assertThat(rule.in(Jurisdiction.of("GB"))).isEqualTo(Basis.OPT_IN);
        assertThat(rule.in(Jurisdiction.of("GB-WLS"))).isEqualTo(Basis.OPT_IN);
        assertThat(rule.in(Jurisdiction.of("GB-NIR"))).isEqualTo(Basis.OPT_OUT);
        assertThat(rule.in(Jurisdiction.of("US-CO"))).isEqualTo(Basis.OPT_IN);
        assertThat(rule.in(Jurisdiction.of("US-UT"))).isEqualTo(Basis.OPT_OUT);
        assertThat(Jurisdiction.of("GB-SCT").inUk()).isTrue();
        assertThat(Jurisdiction.of("IE").inUk()).isFalse();
    }

    @Test
    void theUsStateLawsConsent4jKnowsAndWhichRequireGpc() {
        assertThat(Jurisdiction.usStatesWithPrivacyLaws())
                .contains("US-CA", "US-CO", "US-CT", "US-VA", "US-UT", "US-TX", "US-OR", "US-MT", "US-NJ");
        assertThat(Jurisdiction.of("US-CA").usPrivacyLaw()).hasValueSatisfying(law -> {
            assertThat(law.name()).isEqualTo("CCPA/CPRA");
            assertThat(law.gpcRequired()).isTrue();
        });
        assertThat(Jurisdiction.of("US-VA").usPrivacyLaw()).hasValueSatisfying(law -> assertThat(law.gpcRequired()).isFalse());
        assertThat(Jurisdiction.of("US-WY").usPrivacyLaw()).isEmpty();
        assertThat(Jurisdiction.of("US").usPrivacyLaw()).isEmpty();
    }
}
