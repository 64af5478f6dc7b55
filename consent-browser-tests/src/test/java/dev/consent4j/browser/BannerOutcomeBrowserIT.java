package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import org.junit.jupiter.api.Test;

/** The banner tells the server which of its three answers the shopper gave, and only then. */
class BannerOutcomeBrowserIT extends BrowserTestSupport {

    private BannerOutcome next(int before) {
        browser.await("the banner's outcome reached the server", d -> shop.outcomes.size() > before);
        assertThat(shop.outcomes).hasSize(before + 1);
        return shop.outcomes.get(before);
    }

    @Test
    void acceptAllIsReportedAsSuch() {
        int before = shop.outcomes.size();
        visit("/");
        clickBarButton(0);

        assertThat(next(before)).isEqualTo(BannerOutcome.ACCEPT_ALL);
    }

    @Test
    void rejectAllIsReportedAsSuch() {
        int before = shop.outcomes.size();
        visit("/");
        clickBarButton(1);

        assertThat(next(before)).isEqualTo(BannerOutcome.REJECT_ALL);
    }

    @Test
    void savingThePreferenceCentreOpenedFromTheBannerIsCustomAndALaterVisitIsNoOutcome() {
        int before = shop.outcomes.size();
        visit("/");
        clickBarButton(2);
        browser.awaitVisible(PREFS);
        switchFor("category:analytics").click();
        savePreferences();
        assertThat(next(before)).isEqualTo(BannerOutcome.CUSTOM);
        browser.await("analytics ran", d -> tagsRun().contains("analytics"));

        visit("/page2");
        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        switchFor("category:analytics").click();
        savePreferences();
        browser.await("analytics storage cleared", d -> browser.js("return localStorage.getItem('stub_analytics_id')") == null);

        assertThat(shop.outcomes).hasSize(before + 1);
    }
}
