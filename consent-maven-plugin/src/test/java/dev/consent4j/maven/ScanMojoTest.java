package dev.consent4j.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's own part: its parameters reach the scanner, and a scan that cannot run fails with why. */
class ScanMojoTest {

    @TempDir
    Path project;

    private ScanMojo mojo() {
        ScanMojo mojo = new ScanMojo();
        mojo.setLog(new RecordingLog());
        mojo.policy = Fixtures.copy(Fixtures.TEA_SHOP, project, "consent-policy.yaml").toFile();
        mojo.url = "http://127.0.0.1:9/";
        mojo.maxTime = "PT30S";
        mojo.jurisdiction = "JP";
        mojo.outputDirectory = project.resolve("target/consent-scan").toFile();
        mojo.failOnViolation = true;
        return mojo;
    }

    @Test
    void aMissingBrowserFailsTheGoalNamingWhatToInstall() {
        ScanMojo mojo = mojo();
        mojo.chromium = project.resolve("no-chromium").toString();
        mojo.chromedriver = project.resolve("no-chromedriver").toString();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("consent:scan could not scan: the scanner needs Chromium and chromedriver ("
                        + project.resolve("no-chromium"));
    }

    @Test
    void aMalformedHostMappingIsRefusedBeforeAnyBrowserStarts() {
        ScanMojo mojo = mojo();
        mojo.mapHosts = List.of("tag.example");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("consent:scan: mapHosts entries are host=address, but one was 'tag.example'");
    }

    @Test
    void aMalformedMaximumTimeIsRefusedNamingTheValue() {
        ScanMojo mojo = mojo();
        mojo.maxTime = "two minutes";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("two minutes");
    }
}
