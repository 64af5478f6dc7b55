package dev.consent4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    private CheckMojo mojo(Path policy) {
        CheckMojo mojo = new CheckMojo();
        mojo.setLog(log);
        mojo.policy = policy.toFile();
        return mojo;
    }

    @Test
    void validPolicyPassesAndSaysWhichVersionWasChecked() throws Exception {
        Path policy = Fixtures.copy(Fixtures.TEA_SHOP, project, "consent-policy.yaml");

        mojo(policy).execute();

        assertThat(log.lines("INFO")).containsExactly(policy + ": valid (policy tea-shop version 2026-10, 0 warning(s))");
        assertThat(log.lines("ERROR")).isEmpty();
    }

    @Test
    void invalidPolicyFailsTheBuildAndPrintsEachProblemWithFileLineAndPath() {
        Path policy = Fixtures.copy(Fixtures.BROKEN, project, "consent-policy.yaml");

        assertThatThrownBy(() -> mojo(policy).execute()).isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid consent policy: 1 error(s) in " + policy
                        + " (each is listed above as file:line:column: path: message)");
        assertThat(log.lines("ERROR")).singleElement().asString()
                .startsWith(policy + ":9:")
                .contains(": purposes[0].recipients[0]: unknown recipient 'curier'; did you mean 'courier'?");
    }

    @Test
    void aBrokenLegalRuleIsPrintedWithItsIdAfterTheMessage() throws Exception {
        Path policy = Fixtures.copy(Fixtures.TEA_SHOP, project, "consent-policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("basis: {default: opt-out, EU: opt-in}\n    cookies",
                "basis: opt-out\n    cookies"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> mojo(policy).execute()).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines("ERROR")).singleElement().asString()
                .startsWith(policy + ":26:")
                .contains(": cookie-categories[0].basis: cookies and trackers that are not strictly necessary")
                .endsWith("must be opt-in, not opt-out [eprivacy-cookie-consent]");
    }

    @Test
    void warningsAreLoggedAsWarningsAndDoNotFail() throws Exception {
        Path policy = Fixtures.copy(Fixtures.TEA_SHOP, project, "consent-policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("閲覧したページのURL", "閲覧したページのURLなど"),
                StandardCharsets.UTF_8);

        mojo(policy).execute();

        assertThat(log.lines("WARNING")).singleElement().asString().startsWith(policy + ":")
                .contains("warning: trackers[0].sends[0]");
        assertThat(log.lines("INFO")).singleElement().asString().endsWith("1 warning(s))");
    }

    @Test
    void missingFileFails() {
        Path policy = project.resolve("src/main/resources/consent-policy.yaml");

        assertThatThrownBy(() -> mojo(policy).execute()).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines("ERROR")).containsExactly(policy + ": file not found");
    }

    @Test
    void everyFileOfAListIsCheckedBeforeTheBuildFails() {
        Path good = Fixtures.copy(Fixtures.TEA_SHOP, project, "tea.yaml");
        Path bad = Fixtures.copy(Fixtures.BROKEN, project, "broken.yaml");
        Path missing = project.resolve("missing.yaml");
        CheckMojo mojo = mojo(project.resolve("not-used.yaml"));
        mojo.policies = List.of(bad.toFile(), good.toFile(), missing.toFile());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("2 error(s) in " + bad + ", " + missing + " (");
        assertThat(log.lines("ERROR")).hasSize(2);
        assertThat(log.lines("ERROR").get(0)).startsWith(bad + ":9:");
        assertThat(log.lines("INFO")).singleElement().asString().startsWith(good + ": valid");
    }

    @Test
    void skipChecksNothing() throws Exception {
        CheckMojo mojo = mojo(Fixtures.copy(Fixtures.BROKEN, project, "consent-policy.yaml"));
        mojo.skip = true;

        mojo.execute();

        assertThat(log.lines()).containsExactly("[INFO] consent:check skipped");
    }

    @Test
    void policyFileNamesItsProblemsAsGiven() {
        File relative = new File("does-not-exist/consent-policy.yaml");
        CheckMojo mojo = new CheckMojo();
        mojo.setLog(log);
        mojo.policy = relative;

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
        assertThat(log.lines("ERROR")).containsExactly(relative + ": file not found");
    }
}
