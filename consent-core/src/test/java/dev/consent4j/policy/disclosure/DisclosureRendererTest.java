package dev.consent4j.policy.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.disclosure.DisclosureDocument.RecipientEntry;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DisclosureRendererTest {

    private static final Policy CAKE = PolicyLoader.loadResource("dev/consent4j/policy/fixtures/cake-marketplace.yaml",
            DisclosureRendererTest.class.getClassLoader());

    @Test
    void documentResolvesIdsToTitlesInTheLanguage() {
        DisclosureDocument document = DisclosureDocument.of(CAKE, "en");

        assertThat(document.language()).isEqualTo("en");
        assertThat(document.operator().name()).isEqualTo("Cake Ichiba K.K.");
        assertThat(document.operator().representative()).isEqualTo("Ichiro Kaku, CEO");
        assertThat(document.trackers()).extracting(DisclosureDocument.TrackerEntry::recipient)
                .containsExactly("AdNet Inc.", "AdNet Inc.");
        assertThat(document.trackers().get(1).category()).isEqualTo("Advertising");
        RecipientEntry gift = recipient(document, "gift-partner");
        assertThat(gift.relation()).isEqualTo(Relation.JOINT_USER);
        assertThat(gift.jointUse().dataItems()).containsExactly("Name", "E-mail", "Transactions");
        assertThat(gift.jointUse().responsible().address()).isEqualTo("1-1 Kaku-cho, Shinjuku, Tokyo");
        assertThat(gift.purposes()).containsExactly("Running the service");
        assertThat(recipient(document, "list-partner").optOutRoute().startDate()).isEqualTo(LocalDate.of(2022, 5, 1));
        RecipientEntry adNetwork = recipient(document, "ad-network");
        assertThat(adNetwork.country()).isEqualTo("US");
        assertThat(adNetwork.linksToPerson()).isTrue();
        assertThat(adNetwork.foreignTransfer().recipientMeasures()).isEqualTo("Contractual safeguards");
        assertThat(recipient(document, "bakeries").jointUse()).isNull();
        RecipientEntry issuer = recipient(document, "card-issuer");
        assertThat(issuer.legalGrounds()).singleElement().satisfies(ground -> {
            assertThat(ground.ground()).isEqualTo(LegalGround.LAWS_AND_REGULATIONS);
            assertThat(ground.purposes()).containsExactly("Billing");
            assertThat(ground.description()).isEqualTo("Card fraud prevention under the Installment Sales Act");
        });
        assertThat(document.sources()).singleElement().satisfies(source -> {
            assertThat(source.provider().representative()).isEqualTo("Ichiro Shikibetsu, CEO");
            assertThat(source.dataItems()).containsExactly("Name", "E-mail");
        });
        assertThat(document.dataAbroad().countries()).containsExactly("US");
        assertThat(document.history()).singleElement().satisfies(revision -> assertThat(revision.changes())
                .extracting(DisclosureDocument.ChangeEntry::topic)
                .containsExactly("Ad measurement", "Provision to partners", "paper-catalogue"));
    }

    @Test
    void groundsExamplesSourcesAbroadAndChangesAreRenderedInWords() {
        String markdown = DisclosureRenderer.markdown(DisclosureDocument.of(CAKE, "en"));
        String ja = DisclosureRenderer.markdown(DisclosureDocument.of(CAKE, "ja"));

        assertThat(markdown)
                .contains("- **Ground for provision without consent**: Required by laws and regulations (APPI art. 27(1)(i)): "
                        + "Billing: Card fraud prevention under the Installment Sales Act\n")
                .contains("- **For example**: Kaku Card, Mirai Pay and others\n")
                .contains("## Personal data we receive from others\n\n### Kaku ID K.K.\n")
                .contains("- **How the provider obtained it**: Given when you agree to sign in with Kaku ID\n")
                .contains("- **Countries where personal data is handled**: US\n")
                .contains("### version 2022-04, effective 2022-04-01\n")
                .contains("- **Removed**: paper-catalogue: The paper catalogue has ended\n");
        assertThat(ja).contains("法令に基づく場合（個人情報保護法第27条第1項第1号）")
                .contains("- **例**: Kaku Card、Mirai Payほか\n")
                .contains("## 改定の履歴");
    }

    @Test
    void documentInALanguageThePolicyLacksUsesItsDefaultLanguage() {
        DisclosureDocument document = DisclosureDocument.of(CAKE, "fr");

        assertThat(document.language()).isEqualTo("ja");
        assertThat(document.operator().name()).isEqualTo("株式会社ケーキ市場");
    }

    @Test
    void htmlAndMarkdownShowEveryTextOfTheDocument() {
        for (String language : CAKE.languages()) {
            DisclosureDocument document = DisclosureDocument.of(CAKE, language);
            String page = DisclosureRenderer.htmlPage(document);
            String markdown = DisclosureRenderer.markdown(document);
            List<String> texts = texts(document);

            assertThat(texts).hasSizeGreaterThan(50);
            for (String text : texts) {
                assertThat(page).as("HTML in %s", language).contains(DisclosureRenderer.escapeHtml(text));
                assertThat(markdown).as("Markdown in %s", language).contains(DisclosureRenderer.escapeMarkdown(text));
            }
        }
    }

    @Test
    void japaneseDocumentUsesJapaneseLabels() {
        String markdown = DisclosureRenderer.markdown(DisclosureDocument.of(CAKE, "ja"));

        assertThat(markdown).startsWith("# 外部送信と個人データの提供について\n")
                .contains("- **関係**: 共同利用者\n")
                .contains("- **提供の根拠**: オプトアウト手続による第三者提供\n")
                .contains("- **管理について責任を有する者（代表者）**: 代表取締役 架空 一郎\n")
                .contains("| サービス | 送信先 | Cookieの種類 |");
    }

    @Test
    void fragmentIsOneSectionThatThePageWraps() {
        DisclosureDocument document = DisclosureDocument.of(CAKE, "en");
        String fragment = DisclosureRenderer.htmlFragment(document);

        assertThat(fragment).startsWith("<section class=\"consent-disclosure\" lang=\"en\">\n<h2>What is sent to whom</h2>")
                .endsWith("</section>\n")
                .contains("<section id=\"recipient-ad-network\">\n<h4>AdNet Inc.</h4>")
                .doesNotContain("<html");
        assertThat(DisclosureRenderer.htmlPage(document)).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<title>What is sent to whom</title>").contains(fragment);
    }

    @Test
    void policyTextsCannotInjectMarkup() throws Exception {
        String yaml = new String(DisclosureRendererTest.class.getResourceAsStream(
                "/dev/consent4j/policy/fixtures/cake-marketplace.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("en: AdNet Inc.", "en: \"<script>alert('x')</script> | *Ad* [Net](https://evil.example)\"")
                .replace("en: Referring ad", "en: \"line one\\n# line two | `code`\"");
        Policy policy = PolicyLoader.check("hostile.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .orThrow();
        DisclosureDocument document = DisclosureDocument.of(policy, "en");

        String html = DisclosureRenderer.htmlPage(document);
        assertThat(html).doesNotContain("<script>").doesNotContain("href=\"https://evil")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | *Ad* [Net](https://evil.example)");

        String markdown = DisclosureRenderer.markdown(document);
        assertThat(markdown).doesNotContain("<script>").doesNotContain("\n# line two")
                .contains("\\<script\\>alert('x')\\</script\\> \\| \\*Ad\\* \\[Net\\](https://evil.example)")
                .contains("line one \\# line two \\| \\`code\\`");
        for (String line : markdown.lines().filter(l -> l.startsWith("| ")).toList()) {
            assertThat(unescapedPipes(line)).as(line).isEqualTo(8);
        }
    }

    @Test
    void onlyHttpAddressesBecomeLinks() {
        Policy policy = Policy.builder("links", "1")
                .operator(new Party(LocalizedText.of("en", "Shop"), null, null, null))
                .languages(List.of("en"))
                .recipient(recipient("safe", URI.create("https://safe.example/privacy?a=1&b=2")))
                .recipient(recipient("scripted", URI.create("javascript:alert(1)")))
                .build();
        DisclosureDocument document = DisclosureDocument.of(policy, "en");

        assertThat(DisclosureRenderer.htmlFragment(document))
                .contains("<a href=\"https://safe.example/privacy?a=1&amp;b=2\">")
                .doesNotContain("href=\"javascript")
                .contains("<dd>javascript:alert(1)</dd>");
        assertThat(DisclosureRenderer.markdown(document))
                .contains("<https://safe.example/privacy?a=1&b=2>")
                .contains("javascript:alert(1)")
                .doesNotContain("<javascript");
    }

    @Test
    void policyWithoutTrackersOrRecipientsSaysSo() {
        Policy policy = Policy.builder("bare", "1")
                .operator(new Party(LocalizedText.of("en", "Shop"), null, null, null))
                .languages(List.of("en"))
                .build();
        String markdown = DisclosureRenderer.markdown(DisclosureDocument.of(policy, "en"));

        assertThat(markdown).contains("No tag sends information to anyone else.")
                .contains("No one receives personal data from us.")
                .doesNotContain("|")
                .doesNotContain("**Address**");
    }

    private static Recipient recipient(String id, URI notice) {
        return new Recipient(id, LocalizedText.of("en", id), Relation.PROCESSOR, "JP", List.of(), List.of(), List.of(),
                notice, false, null, null, null);
    }

    private static RecipientEntry recipient(DisclosureDocument document, String id) {
        return document.recipients().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static int unescapedPipes(String line) {
        Matcher matcher = Pattern.compile("(?<!\\\\)\\|").matcher(line);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Every text the document holds, walking its records: what a rendering must show. */
    private static List<String> texts(DisclosureDocument document) {
        List<String> texts = new ArrayList<>();
        collect(document, texts);
        texts.remove(document.language());
        document.recipients().forEach(r -> texts.remove(r.id()));
        document.sources().forEach(source -> texts.remove(source.id()));
        texts.removeIf(String::isEmpty);
        return texts;
    }

    private static void collect(Object value, List<String> texts) {
        if (value == null || value instanceof Boolean || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            collection.forEach(element -> collect(element, texts));
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    collect(component.getAccessor().invoke(value), texts);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else {
            texts.add(value.toString());
        }
    }
}
