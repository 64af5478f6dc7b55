package dev.consent4j.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The {@code banner:} section: texts per language, the pause after an opt-out, and the contradiction warnings. */
class BannerSectionTest {

    private static PolicyCheckResult check(String banner) {
        String yaml = BadPolicyTest.VALID + banner;
        return PolicyLoader.check("shop.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textsAndPausesAreReadPerLanguageAndJurisdiction() {
        PolicyCheckResult result = check("""
                banner:
                  ask-again-after-opt-out: {default: P12M, US-CA: P18M}
                  texts:
                    en: {accept-all: "Allow all", notice: "We count visits ({running}); turn it off any time."}
                    ja: {accept-all: すべて許可}
                """);

        assertThat(result.problems()).isEmpty();
        Policy policy = result.policy();
        assertThat(policy.banner().text("en", "accept-all")).contains("Allow all");
        assertThat(policy.banner().text("ja", "accept-all")).contains("すべて許可");
        assertThat(policy.banner().text("ja", "notice")).isEmpty();
        assertThat(policy.banner().askAgainAfterOptOut(Jurisdiction.of("US-CA"))).isEqualTo(Period.ofMonths(18));
        assertThat(policy.banner().askAgainAfterOptOut(Jurisdiction.of("US-TX"))).isEqualTo(Period.ofMonths(12));
    }

    @Test
    void withoutTheSectionTheDefaultsApply() {
        Policy policy = check("").policy();

        assertThat(policy.banner().texts()).isEmpty();
        assertThat(policy.banner().askAgainAfterOptOut(Jurisdiction.JP)).isEqualTo(BannerSettings.DEFAULT_ASK_AGAIN);
    }

    @Test
    void aNoticeTextPromisingConsentOnlyIsAWarningWithItsPath() {
        PolicyCheckResult result = check("""
                banner:
                  texts:
                    ja: {notice: "当店は{running}のCookieを、同意いただいた場合にのみ使用します。"}
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("banner.texts.ja.notice");
            assertThat(w.message()).contains("'analytics' is opt-out in default", "only with consent");
            assertThat(w.line()).isPositive();
        });
    }

    @Test
    void anOptInTextNamingAnOptOutCategoryOrClaimingEverythingIsAWarning() {
        PolicyCheckResult naming = check("""
                banner:
                  texts:
                    en: {opt-in: "We use Analytics cookies only if you agree."}
                """);
        PolicyCheckResult everything = check("""
                banner:
                  texts:
                    en: {opt-in: "We use cookies only with your consent."}
                """);
        PolicyCheckResult placeholder = check("""
                banner:
                  texts:
                    en: {opt-in: "We use cookies for {asked} only with your consent."}
                """);

        assertThat(naming.warnings()).singleElement().satisfies(w -> assertThat(w.message())
                .contains("says 'Analytics' is used only with consent, but 'analytics' is opt-out in default"));
        assertThat(everything.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("{asked}"));
        assertThat(placeholder.problems()).isEmpty();
    }

    @Test
    void unknownKeysPlaceholdersAndPeriodsAreErrorsWithTheirPaths() {
        PolicyCheckResult result = check("""
                banner:
                  ask-again-after-opt-out: {Texas: P12M, US: twelve months}
                  texts:
                    en: {accept: "OK", opt-in: "For {running}"}
                """);

        assertThat(result.errors()).extracting(PolicyProblem::path).containsExactlyInAnyOrder(
                "banner.ask-again-after-opt-out.Texas", "banner.ask-again-after-opt-out.US", "banner.texts.en.accept",
                "banner.texts.en.opt-in");
        assertThat(result.errors()).extracting(PolicyProblem::message).anySatisfy(m -> assertThat(m)
                .contains("unknown key 'accept'; allowed keys are accept-all")).anySatisfy(m -> assertThat(m)
                .contains("unknown placeholder {running} in the 'opt-in' text; it takes {asked}"));
    }
}
