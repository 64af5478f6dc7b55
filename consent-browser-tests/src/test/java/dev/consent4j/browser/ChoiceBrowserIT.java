package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Choosing per category, Consent Mode, and withdrawing (EU-4, GCM-2, GCM-3, GCM-5, CK-3, CK-4). */
class ChoiceBrowserIT extends BrowserTestSupport {

    private static final Map<String, Object> ANALYTICS_ONLY = Map.of(
            "analytics_storage", "granted", "ad_storage", "denied", "ad_user_data", "denied",
            "ad_personalization", "denied", "functionality_storage", "denied",
            "personalization_storage", "denied", "security_storage", "granted");

    @Test
    void acceptingAnalyticsOnlyRunsTheAnalyticsTagsInDocumentOrderAndNotTheAdvertisingOne() {
        visit("/");
        clickBarButton(2);
        browser.awaitVisible(PREFS);
        browser.screenshot("preference-centre");
        switchFor("category:analytics").click();
        assertThat(switchFor("category:analytics").getAttribute("aria-checked")).isEqualTo("true");
        browser.screenshot("analytics-on");
        savePreferences();

        browser.await("analytics tags ran", d -> tagsRun().size() == 2);
        assertThat(tagsRun()).containsExactly("analytics", "inline-analytics");
        assertThat(trackers.hits("/analytics.js")).isEqualTo(1);
        browser.await("analytics pixel", d -> trackers.hits("/collect") == 1);
        assertThat(trackers.hits("/ads.js")).isZero();
        assertThat(trackers.hits("/ads-pixel")).isZero();
        assertThat(browser.present(BAR)).isFalse();
        assertThat(cspViolations()).isEmpty();
        browser.screenshot("after-save");

        // On the next page the choice stands: no banner, analytics runs, advertising does not.
        visit("/page2");
        browser.await("analytics tags ran", d -> tagsRun().size() == 2);
        assertThat(browser.present(BAR)).isFalse();
        assertThat(trackers.hits("/analytics.js")).isEqualTo(2);
        assertThat(trackers.hits("/ads.js")).isZero();
    }

    @Test
    void consentModeDefaultComesFirstAndEachChoiceAndStoredChoiceSendsAnUpdate() {
        visit("/");
        List<List<Object>> before = consentCommands();
        assertThat(browser.<String>js("return dataLayer[0][0] + ' ' + dataLayer[0][1]")).isEqualTo("consent default");
        assertThat(map(before.get(0).get(2))).containsEntry("wait_for_update", 500L);
        // Before a choice, whatever is said grants only what the necessary category maps.
        for (List<Object> command : before) {
            assertThat(map(command.get(2))).containsEntry("analytics_storage", "denied")
                    .containsEntry("ad_storage", "denied").containsEntry("ad_user_data", "denied")
                    .containsEntry("ad_personalization", "denied");
        }

        clickBarButton(2);
        browser.awaitVisible(PREFS);
        switchFor("category:analytics").click();
        savePreferences();
        browser.await("update", d -> consentCommands().size() == before.size() + 1);
        List<Object> update = consentCommands().get(before.size());
        assertThat(update.subList(0, 2)).containsExactly("consent", "update");
        assertThat(map(update.get(2))).isEqualTo(ANALYTICS_ONLY);
        // The Google-style tag was only let in after the update (basic mode).
        browser.await("tag config", d -> configIndex() > 0);
        assertThat(configIndex()).isGreaterThan(lastConsentIndex());

        // A later page: the cached per-region defaults first, then an update from the stored choice.
        visit("/page2");
        List<List<Object>> next = consentCommands();
        assertThat(next.get(0).get(1)).isEqualTo("default");
        assertThat(next.get(next.size() - 1).get(1)).isEqualTo("update");
        assertThat(map(next.get(next.size() - 1).get(2))).isEqualTo(ANALYTICS_ONLY);
        assertThat(browser.<String>js("return dataLayer[0][0] + ' ' + dataLayer[0][1]")).isEqualTo("consent default");
    }

    @Test
    void withdrawingThroughPrivacyChoicesStopsAnalyticsAndRemovesItsCookiesAndStorage() {
        visit("/");
        clickBarButton(0);
        browser.await("tags ran", d -> tagsRun().size() == 3);
        visit("/page2");
        browser.await("tags ran", d -> tagsRun().size() == 3);
        assertThat(browser.cookieNames()).contains("_stub_ga", ShopServer.SERVER_ANALYTICS_COOKIE, "_stub_ads");
        assertThat(browser.driver().manage().getCookieNamed(ShopServer.SERVER_ANALYTICS_COOKIE).isHttpOnly()).isTrue();
        assertThat(browser.<String>js("return localStorage.getItem('stub_analytics_id')")).isEqualTo("42");

        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        assertThat(switchFor("category:analytics").getAttribute("aria-checked")).isEqualTo("true");
        switchFor("category:analytics").click();
        browser.screenshot("withdrawing");
        savePreferences();
        browser.await("analytics storage cleared", d -> browser.js("return localStorage.getItem('stub_analytics_id')") == null);
        assertThat(browser.cookieNames()).doesNotContain("_stub_ga", ShopServer.SERVER_ANALYTICS_COOKIE)
                .contains("_stub_ads");

        trackers.reset();
        visit("/page3");
        browser.await("advertising tag ran", d -> tagsRun().contains("ads"));
        assertThat(tagsRun()).containsExactly("ads");
        assertThat(trackers.hits("/analytics.js")).isZero();
        assertThat(trackers.hits("/collect")).isZero();
        assertThat(browser.cookieNames()).doesNotContain("_stub_ga", ShopServer.SERVER_ANALYTICS_COOKIE);
        browser.screenshot("after-withdrawal");
    }

    private long configIndex() {
        return browser.js("return (window.dataLayer || []).findIndex(a => a[0] === 'config')");
    }

    private long lastConsentIndex() {
        return browser.js("let i = -1; dataLayer.forEach((a, j) => { if (a[0] === 'consent') i = j; }); return i;");
    }
}
