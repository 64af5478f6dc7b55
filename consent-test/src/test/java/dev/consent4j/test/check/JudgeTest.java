package dev.consent4j.test.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.test.ConsentTestKit;
import dev.consent4j.test.Finding;
import dev.consent4j.signing.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@link Judge} says about items the Jetty tests do not reach: recipient hosts, storage keys, glob cookies. */
class JudgeTest {

    /** The servlet tests' policy, with hosts for the ad network recipient beyond its tracker's. */
    private static final Policy POLICY = policy();
    private static final ConsentTestKit KIT = ConsentTestKit.builder(POLICY).signingKey(SigningKey.generate("t")).build();

    private static Policy policy() {
        try (InputStream in = JudgeTest.class.getClassLoader().getResourceAsStream("dev/consent4j/servlet/shop-policy.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("    purposes: [targeted-ads]\n", "    purposes: [targeted-ads]\n    hosts: [audiences.adnet.example]\n");
            return PolicyLoader.load("shop-policy.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRecipientsHostIsJudgedByItsPurposesBasis() {
        assertThat(KIT.judge().host("audiences.adnet.example", KIT.firstVisit(Jurisdiction.JP).state(), "the browser contacted", "here"))
                .get().extracting(Finding::kind, Finding::message)
                .containsExactly(Finding.Kind.HOST_NOT_ALLOWED, "the browser contacted host `audiences.adnet.example` (recipient"
                        + " ad-network, purpose targeted-ads, basis opt-in in JP) before consent, here");
        assertThat(KIT.judge().host("audiences.adnet.example", KIT.afterAcceptAll(Jurisdiction.JP).state(), "x", "y")).isEmpty();
    }

    @Test
    void aWildcardTrackerHostCoversItsSubdomains() {
        assertThat(KIT.judge().host("eu.pixel.ads.example", KIT.afterRejectAll(Jurisdiction.EU).state(), "x", "y"))
                .get().extracting(Finding::category).isEqualTo("advertising");
    }

    @Test
    void aCookieNameDeclaredByGlobIsItsCategorysAndAStorageKeyIsNotACookie() {
        assertThat(KIT.judge().cookie("_ga_XYZ", KIT.firstVisit(Jurisdiction.JP).state(), "y", null, "script", "cookie")).isEmpty();
        assertThat(KIT.judge().cookie("_ga_XYZ", KIT.firstVisit(Jurisdiction.EU).state(), "y", null, "script", "cookie"))
                .get().extracting(Finding::kind).isEqualTo(Finding.Kind.COOKIE_NOT_ALLOWED);
        assertThat(KIT.judge().cookie("_ga", KIT.firstVisit(Jurisdiction.JP).state(), "y", null, "script", "local-storage"))
                .get().extracting(Finding::kind).isEqualTo(Finding.Kind.UNDECLARED_STORAGE_KEY);
    }
}
