package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shop moves to a policy version that changed a category the visitor had granted: the banner
 * comes back and says what changed, in the words of the policy's history.
 */
class ReconsentBrowserIT extends BrowserTestSupport {

    @Test
    void theBannerThatAsksAgainShowsWhatChanged() throws Exception {
        SigningKeys keys = SigningKeys.of(SigningKey.generate("r1"));
        InMemoryConsentStore store = new InMemoryConsentStore();
        String original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/consent4j/browser/browser-shop-policy.yaml")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Policy next = PolicyLoader.load("next.yaml", new ByteArrayInputStream(original
                .replace("\nversion: \"2026-11\"", "\nversion: \"2026-12\"")
                .replace("  - {version: \"2026-11\", changed: []}", "  - {version: \"2026-11\", changed: []}\n"
                        + "  - version: \"2026-12\"\n    changes:\n"
                        + "      - {topic: analytics, change: changed, description: {en: Now also counts scrolling, "
                        + "ja: スクロールも集計します}}")
                .getBytes(StandardCharsets.UTF_8)));

        try (ShopServer before = new ShopServer(trackers, PolicyLoader.loadResource(
                "dev/consent4j/browser/browser-shop-policy.yaml", getClass().getClassLoader()), keys, store)) {
            browser.open(before.url("/"));
            browser.awaitState();
            clickBarButton(0);
            browser.awaitGone(BAR);
            assertThat(browser.awaitState()).containsEntry("needsChoice", false);
        }
        try (ShopServer after = new ShopServer(trackers, next, keys, store)) {
            browser.open(after.url("/"));
            Map<String, Object> state = browser.awaitState();
            assertThat(state).containsEntry("needsChoice", true);
            assertThat(state.get("changes")).as(String.valueOf(state)).asList().isNotEmpty();
            String bar = browser.awaitVisible(BAR).getText();
            browser.screenshot("asked-again");
            assertThat(bar).contains("Statistics: Now also counts scrolling").contains("Accept all", "Reject all");
        }
    }
}
