package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** EU-5, EU-3 and EU-7: nothing runs before consent; refusing and closing leave nothing running. */
class FirstVisitBrowserIT extends BrowserTestSupport {

    @Test
    void firstVisitShowsTheBannerAndNothingTracks() {
        for (String page : new String[] {"/", "/page2", "/page3"}) {
            Map<String, Object> state = visit(page);
            assertThat(state).containsEntry("needsChoice", true);
            assertThat(browser.awaitVisible(BAR).getText()).contains("Accept all", "Reject all", "Choose");
            assertThat(browser.findAll("script[type='text/plain'][data-consent]")).hasSize(3);
            assertThat(tagsRun()).isEmpty();
        }
        browser.screenshot("first-layer");

        assertThat(trackers.all()).isEmpty();
        assertThat(browser.cookieNames()).isSubsetOf(shop.necessaryCookieNames());
        assertThat(browser.<Long>js("return localStorage.length - (localStorage.getItem('consent4j.consentMode') ? 1 : 0)"))
                .isZero();
        assertThat(cspViolations()).isEmpty();
    }

    @Test
    void rejectAllKeepsTrackersOffOverThreePagesAndTheBannerAway() {
        visit("/");
        clickBarButton(1);
        browser.awaitGone(BAR);
        browser.screenshot("after-reject");
        assertThat(browser.awaitState()).containsEntry("needsChoice", false);

        for (String page : new String[] {"/", "/page2", "/page3"}) {
            Map<String, Object> state = visit(page);
            assertThat(state).containsEntry("needsChoice", false);
            assertThat(browser.present(BAR)).isFalse();
            assertThat(tagsRun()).isEmpty();
        }
        assertThat(trackers.all()).isEmpty();
        assertThat(browser.cookieNames()).isSubsetOf(shop.necessaryCookieNames());
        assertThat(cspViolations()).isEmpty();
    }

    @Test
    void afterRejectingThePageStaysUsable() {
        visit("/");
        // Not a cookie wall: while the banner is open the page under it still takes clicks.
        assertThat(topmostIsBuyButton()).isTrue();
        clickBarButton(1);
        browser.awaitGone(BAR);
        assertThat(topmostIsBuyButton()).isTrue();
        assertThat(browser.<Boolean>js("return document.querySelector('main').closest('[inert]') === null")).isTrue();
        browser.find("#next").click();
        browser.await("second page", d -> d.getCurrentUrl().endsWith("/page2"));
    }

    @Test
    void closingTheBannerIsNotConsent() {
        visit("/");
        browser.awaitVisible(BAR + " .c4j-close").click();
        browser.awaitGone(BAR);
        assertThat(tagsRun()).isEmpty();

        // Nothing was recorded: the server still needs a choice, but the banner does not nag
        // again in this browsing session.
        Map<String, Object> state = visit("/page2");
        assertThat(state).containsEntry("needsChoice", true);
        assertThat(browser.present(BAR)).isFalse();
        assertThat(tagsRun()).isEmpty();
        assertThat(trackers.all()).isEmpty();
        // And choosing stays one click away.
        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
    }

    private boolean topmostIsBuyButton() {
        return browser.js("const b = document.getElementById('buy').getBoundingClientRect();"
                + "return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2).id === 'buy'");
    }
}
