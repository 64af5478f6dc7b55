package dev.consent4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisclosureMojoTest {

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    private DisclosureMojo mojo(String fixture) {
        DisclosureMojo mojo = new DisclosureMojo();
        mojo.setLog(log);
        mojo.policy = Fixtures.copy(fixture, project, "src/main/resources/consent-policy.yaml").toFile();
        mojo.outputDirectory = project.resolve("target/consent-disclosure").toFile();
        return mojo;
    }

    private List<String> written() throws Exception {
        try (Stream<Path> files = Files.list(project.resolve("target/consent-disclosure"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAPageAFragmentAndMarkdownPerLanguageOfThePolicy() throws Exception {
        mojo(Fixtures.TEA_SHOP).execute();

        assertThat(written()).containsExactly("disclosure-en.fragment.html", "disclosure-en.html", "disclosure-en.md",
                "disclosure-ja.fragment.html", "disclosure-ja.html", "disclosure-ja.md");
        Path out = project.resolve("target/consent-disclosure");
        assertThat(Files.readString(out.resolve("disclosure-ja.md")))
                .contains("### 架空運輸株式会社").contains("| AdNet Pixel | アドネット社 | 広告 |")
                .contains("- **関係**: 事業の承継先\n")
                .contains("- **同意を得ない提供の根拠**: 合併その他の事由による事業の承継（個人情報保護法第27条第5項第2号）：2027年4月の合併による事業の承継\n")
                .contains("## 他の事業者から取得する個人データ\n\n### 茶ID株式会社\n")
                .contains("- **追加**: 広告の効果測定：広告の効果測定を始めました\n");
        assertThat(Files.readString(out.resolve("disclosure-en.md")))
                .contains("- **How the provider obtained it**: Given when you agree to sign in with Cha ID\n")
                .contains("- **Countries where personal data is handled**: US\n");
        assertThat(Files.readString(out.resolve("disclosure-en.html")))
                .startsWith("<!DOCTYPE html>").contains("<h4>AdNet &lt;Inc.&gt;</h4>")
                .contains("<a href=\"https://adnet.example/privacy\">");
        assertThat(Files.readString(out.resolve("disclosure-en.fragment.html")))
                .startsWith("<section class=\"consent-disclosure\" lang=\"en\">")
                .contains("<dd>Us and Tsukimi Sweets Co.</dd>");
        assertThat(log.lines("INFO")).last().asString()
                .isEqualTo("Wrote the disclosure of policy tea-shop version 2026-10 in [ja, en] to " + out);
    }

    @Test
    void writesOnlyTheLanguagesAskedFor() throws Exception {
        DisclosureMojo mojo = mojo(Fixtures.TEA_SHOP);
        mojo.languages = List.of("en");

        mojo.execute();

        assertThat(written()).containsExactly("disclosure-en.fragment.html", "disclosure-en.html", "disclosure-en.md");
    }

    @Test
    void languageThePolicyDoesNotDeclareFailsAndWritesNothing() {
        DisclosureMojo mojo = mojo(Fixtures.TEA_SHOP);
        mojo.languages = List.of("en", "fr");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("language 'fr' is not one of the languages of " + mojo.policy + ": [ja, en]");
        assertThat(project.resolve("target/consent-disclosure")).doesNotExist();
    }

    @Test
    void invalidPolicyFailsAsTheCheckDoes() {
        DisclosureMojo mojo = mojo(Fixtures.BROKEN);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Invalid consent policy: 1 error(s)");
        assertThat(log.lines("ERROR")).singleElement().asString().startsWith(mojo.policy + ":9:");
        assertThat(project.resolve("target/consent-disclosure")).doesNotExist();
    }

    @Test
    void skipWritesNothing() throws Exception {
        DisclosureMojo mojo = mojo(Fixtures.BROKEN);
        mojo.skip = true;

        mojo.execute();

        assertThat(project.resolve("target/consent-disclosure")).doesNotExist();
    }
}
