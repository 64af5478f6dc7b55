package dev.consent4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyCheckResult;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExamplePolicyTest {

    @Test
    void examplePolicyValidatesWithoutErrorsOrWarnings() throws Exception {
        try (InputStream input = getClass().getClassLoader().getResourceAsStream("consent-policy.yaml")) {
            PolicyCheckResult result = PolicyLoader.check("consent-policy.yaml", input);
            assertThat(result.problems()).isEmpty();
            assertThat(result.valid()).isTrue();
        }
    }

    @Test
    void examplePolicyDiffersByJurisdictionAsItsCommentsSay() {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", getClass().getClassLoader());
        assertThat(policy.cookieCategory("analytics").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_OUT);
        assertThat(policy.cookieCategory("analytics").orElseThrow().basis().in(Jurisdiction.of("FR"))).isEqualTo(Basis.OPT_IN);
        assertThat(policy.purpose("newsletter").orElseThrow().basis().in(Jurisdiction.JP)).isEqualTo(Basis.OPT_IN);
        assertThat(policy.categoryOfCookie("_ga_XYZ").orElseThrow().id()).isEqualTo("analytics");
        assertThat(policy.trackerOfHost("eu.pixel.skyads.example").orElseThrow().id()).isEqualTo("sky-ads-tag");
    }

    @Test
    void quickStartPrintsTheSummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.print(PolicyLoader.loadResource("consent-policy.yaml", getClass().getClassLoader()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Policy tsukimi-kashiho, version 2026-11")
                .contains("cookie _ga_ABC123       -> analytics")
                .contains("joint-user:  Tsukimi Cafe Co., Ltd. (JP)");
    }
}
