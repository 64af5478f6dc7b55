package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.BannerSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public pages' HTML pieces and the built-in texts, read from the jar's resources. */
class PageTemplateTest {

    @Test
    void valuesAreEscapedUnlessThePlaceholderTakesHtml() {
        PageTemplate topic = PageTemplate.load(PublicPages.class, "guardian-topic");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", "<Ads & \"more\">");
        values.put("description", "<p>already HTML</p>");
        values.put("topic", "category:ads'");
        values.put("grant", "Yes");
        values.put("refuse", "No");

        assertThat(topic.render(values)).isEqualTo("<fieldset><legend>&lt;Ads &amp; &quot;more&quot;&gt;</legend>"
                + "<p>already HTML</p><label><input type=\"radio\" required name=\"category:ads&#39;\" value=\"grant\"> Yes"
                + "</label> <label><input type=\"radio\" required name=\"category:ads&#39;\" value=\"deny\"> No</label>"
                + "</fieldset>");
    }

    @Test
    void aMissingOrStrayValueIsRefusedNamingTheTemplate() {
        PageTemplate status = PageTemplate.load(PublicPages.class, "status");

        assertThatThrownBy(() -> status.render(Map.of())).hasMessageContaining("status").hasMessageContaining("[message]");
        assertThatThrownBy(() -> status.render(Map.of("message", "a", "other", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageTemplate.load(PublicPages.class, "no-such-page")).hasMessageContaining("pages/no-such-page.html");
    }

    @Test
    void theOperatorsUndeclaredHostsSectionListsEachHostWithItsCountInTheLanguagesBrackets() {
        Map<String, Long> hosts = new LinkedHashMap<>();
        hosts.put("a<b.example", 3L);
        hosts.put("c.example", 1L);

        assertThat(Disclosure.undeclaredHostsHtml(hosts, "ja")).isEqualTo("<h2>未申告の送信先（運用者のみ表示）</h2>\n<ul>\n"
                + "<li>a&lt;b.example（3）</li>\n<li>c.example（1）</li>\n</ul>\n");
        assertThat(Disclosure.undeclaredHostsHtml(Map.of(), "en"))
                .isEqualTo("<h2>Undeclared hosts (shown to operators only)</h2>\n<ul>\n</ul>\n");
    }

    @Test
    void theBuiltInTextsAreReadAsUtf8WithExactlyTheBannerKeysAndTheOperatorOnes() {
        for (String language : new String[] {"en", "ja"}) {
            Map<String, String> texts = UiTexts.load(language);
            assertThat(texts.keySet()).startsWith(BannerSettings.TEXT_KEYS.toArray(String[]::new))
                    .hasSize(BannerSettings.TEXT_KEYS.size() + UiTexts.OPERATOR_KEYS.size());
            assertThat(texts.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        }
        assertThat(UiTexts.builtIn("ja", "title")).isEqualTo("プライバシーに関する選択");
        assertThat(UiTexts.builtIn("en", "opt-in")).contains("{asked}");
    }
}
