package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The whole flow with the keyboard alone: reach, choose, save, re-open, withdraw (EU-4, WCAG 2.1). */
class KeyboardBrowserIT extends BrowserTestSupport {

    @Test
    void theWholeFlowWorksWithTheKeyboardAlone() {
        visit("/");
        browser.awaitVisible(BAR);
        assertThat(browser.focused().getAttribute("class")).contains("c4j-bar");
        assertThat(browser.focused().getAttribute("role")).isEqualTo("dialog");

        // Tab order in the first layer: close, the notice link, accept, reject, choose.
        assertThat(browser.tabTo(BAR + " .c4j-close", 1)).isNotNull();
        assertThat(browser.tabTo(BAR + " .c4j-link", 1)).isNotNull();
        assertThat(browser.tabTo(BAR + " .c4j-btn:nth-child(1)", 1).getText()).isEqualTo("Accept all");
        WebElement visibleFocus = browser.focused();
        assertThat(visibleFocus.getCssValue("outline-style")).isEqualTo("solid");
        assertThat(visibleFocus.getCssValue("outline-width")).isEqualTo("3px");
        assertThat(browser.tabTo(BAR + " .c4j-btn:nth-child(2)", 1).getText()).isEqualTo("Reject all");
        assertThat(browser.tabTo(BAR + " .c4j-btn:nth-child(3)", 1).getText()).isEqualTo("Choose");
        browser.screenshot("keyboard-first-layer");
        browser.press(Keys.ENTER);

        browser.awaitVisible(PREFS);
        assertThat(browser.focused().getAttribute("class")).contains("c4j-prefs");
        // After close come accept all and reject all; the locked necessary switch is skipped.
        browser.tabTo(PREFS + " .c4j-close", 1);
        browser.tabTo(PREFS + " [data-topic='category:analytics']", 3);
        browser.press(Keys.SPACE);
        assertThat(switchFor("category:analytics").getAttribute("aria-checked")).isEqualTo("true");
        browser.screenshot("keyboard-preference-centre");
        browser.tabTo(SAVE, 5);
        browser.press(Keys.ENTER);
        browser.awaitGone(PREFS);
        browser.await("analytics ran", d -> tagsRun().contains("analytics"));
        assertThat(tagsRun()).doesNotContain("ads");

        // Re-open from the page's privacy-choices link, and withdraw.
        visit("/page2");
        browser.tabTo("#privacy-choices", 10);
        browser.press(Keys.ENTER);
        browser.awaitVisible(PREFS);
        browser.tabTo(PREFS + " [data-topic='category:analytics']", 5);
        assertThat(browser.focused().getAttribute("aria-checked")).isEqualTo("true");
        browser.press(Keys.SPACE);
        browser.tabTo(SAVE, 5);
        browser.press(Keys.ENTER);
        browser.awaitGone(PREFS);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("privacy-choices");

        trackers.reset();
        visit("/page3");
        assertThat(browser.present(BAR)).isFalse();
        assertThat(tagsRun()).isEmpty();
        assertThat(trackers.all()).isEmpty();
    }

    @Test
    void focusStaysInTheOpenDialogAndEscapeClosesItAndReturnsFocus() {
        visit("/");
        browser.awaitVisible(BAR);
        // The first layer is not modal: Tab moves on from it into the page.
        browser.tabTo(BAR + " .c4j-btn:nth-child(3)", 6);
        browser.tabTo("#privacy-choices", 10);
        WebElement opener = browser.focused();
        browser.press(Keys.ENTER);
        browser.awaitVisible(PREFS);
        assertThat(browser.present(BAR)).isTrue();
        assertThat(browser.find(PREFS).getAttribute("aria-modal")).isEqualTo("true");
        assertThat(browser.find(PREFS).getAttribute("aria-labelledby")).isNotBlank();

        // Forward from the last control wraps to the first, backward from the first to the last.
        WebElement save = browser.tabTo(SAVE, 10);
        browser.press(Keys.TAB);
        assertThat(browser.focused()).isEqualTo(browser.find(PREFS + " .c4j-close"));
        browser.shiftTab();
        assertThat(browser.focused()).isEqualTo(save);
        for (int i = 0; i < 12; i++) {
            browser.press(Keys.TAB);
            assertThat(browser.<Boolean>js("return document.activeElement.closest('.c4j-prefs') !== null")).isTrue();
        }

        browser.press(Keys.ESCAPE);
        browser.awaitGone(PREFS);
        assertThat(browser.focused()).isEqualTo(opener);
        assertThat(tagsRun()).isEmpty();
    }

    @Test
    void escapeInThePreferenceCentreOpenedFromTheBannerGoesBackToTheBanner() {
        visit("/");
        browser.awaitVisible(BAR);
        browser.tabTo(BAR + " .c4j-btn:nth-child(3)", 6);
        browser.press(Keys.ENTER);
        browser.awaitVisible(PREFS);
        browser.press(Keys.ESCAPE);
        browser.awaitGone(PREFS);
        browser.awaitVisible(BAR);
        assertThat(browser.focused().getText()).isEqualTo("Choose");

        // Escape on the first layer closes it, which is not consent.
        browser.press(Keys.ESCAPE);
        browser.awaitGone(BAR);
        assertThat(tagsRun()).isEmpty();
        assertThat(trackers.all()).isEmpty();
    }
}
