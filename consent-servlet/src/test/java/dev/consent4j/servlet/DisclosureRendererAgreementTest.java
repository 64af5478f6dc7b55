package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import dev.consent4j.policy.load.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JSON disclosure of {@code /consent/disclosure} and the shared renderer that the Maven plugin
 * writes files with disclose the same things: every text of the JSON appears on the rendered page.
 */
class DisclosureRendererAgreementTest {

    /**
     * Keys whose values are ids, codes or flags the rendered page shows in words instead (a change's
     * topic by its title, a legal ground by its name and article, "and others" as words).
     */
    private static final Set<String> SHOWN_IN_WORDS = Set.of("id", "relation", "language", "topic", "change", "ground",
            "andOthers");

    @Test
    void renderedPageShowsEveryTextOfTheJsonDisclosure() {
        Policy policy = PolicyLoader.loadResource("dev/consent4j/policy/fixtures/cake-marketplace.yaml",
                getClass().getClassLoader());
        for (String language : policy.languages()) {
            Map<String, Object> json = JsonMaps.of(Disclosure.json(policy, language));
            String page = DisclosureRenderer.htmlPage(DisclosureDocument.of(policy, language));
            List<String> texts = new ArrayList<>();
            collect(json, null, texts, policy, language);

            assertThat(texts).hasSizeGreaterThan(50);
            for (String text : texts) {
                assertThat(page).as("%s in %s", text, language).contains(Disclosure.escape(text));
            }
        }
    }

    private static void collect(Object value, String key, List<String> texts, Policy policy, String language) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, (String) k, texts, policy, language));
        } else if (value instanceof List<?> list) {
            list.forEach(element -> collect(element, key, texts, policy, language));
        } else if (value != null && !SHOWN_IN_WORDS.contains(key)) {
            String text = value.toString();
            // The JSON's joint-use data items are ids; the page names them by their titles.
            texts.add("dataItems".equals(key) ? policy.dataItem(text)
                    .map(item -> item.title().in(language, policy.defaultLanguage())).orElse(text) : text);
        }
    }
}
