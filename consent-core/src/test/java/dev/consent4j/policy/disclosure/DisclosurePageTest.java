package dev.consent4j.policy.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The disclosure as the shop's own public page: its name, its theme, a way back, headings from h1. */
class DisclosurePageTest {

    private static final Policy CAKE = PolicyLoader.loadResource("dev/consent4j/policy/fixtures/cake-marketplace.yaml",
            DisclosurePageTest.class.getClassLoader());

    @Test
    void thePageCarriesTheShopsNameThemeAndLinkBackAndEscapesThem() {
        String page = DisclosureRenderer.htmlPage(DisclosureDocument.of(CAKE, "ja"), new DisclosureRenderer.Page(
                "Cake <Ichiba>", List.of("/consent/assets/page.css", "/css/theme.css?v=\"1\""), "/?lang=ja&x=1", "ショップに戻る"));

        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"ja\">")
                .contains("<title>外部送信と個人データの提供について | Cake &lt;Ichiba&gt;</title>",
                        "<link rel=\"stylesheet\" href=\"/consent/assets/page.css\">",
                        "<link rel=\"stylesheet\" href=\"/css/theme.css?v=&quot;1&quot;\">",
                        "<a class=\"c4j-shop\" href=\"/?lang=ja&amp;x=1\">Cake &lt;Ichiba&gt;</a>",
                        "<main>\n<h1>外部送信と個人データの提供について</h1>\n<h2>事業者</h2>",
                        "<footer class=\"c4j-page-foot\"><a href=\"/?lang=ja&amp;x=1\">ショップに戻る</a></footer>")
                .doesNotContain("<script", "<h4>");
        // The same items as the fragment the Maven plugin writes, one heading level up.
        String fragment = DisclosureRenderer.htmlFragment(DisclosureDocument.of(CAKE, "ja"));
        assertThat(page.replaceAll("<(/?)h([1-3])>", "<$1h#>")).contains(fragment.substring(fragment.indexOf("<dl>"),
                fragment.lastIndexOf("</section>\n</section>")).replaceAll("<(/?)h([2-4])>", "<$1h#>"));
    }

    @Test
    void withoutAHomeThereIsNoLinkBackAndCountriesAreNamedInTheLanguage() {
        String page = DisclosureRenderer.htmlPage(DisclosureDocument.of(CAKE, "en"),
                new DisclosureRenderer.Page("Cake Ichiba", List.of(), null, null));

        assertThat(page).contains("<span class=\"c4j-shop\">Cake Ichiba</span>").doesNotContain("c4j-page-foot", "<link");
        assertThat(Outline.countryName("US", "ja")).isEqualTo("アメリカ合衆国（US）");
        assertThat(Outline.countryName("US", "en")).isEqualTo("United States (US)");
        assertThat(Outline.countryName("XK", "en")).isEqualTo("Kosovo (XK)");
    }
}
