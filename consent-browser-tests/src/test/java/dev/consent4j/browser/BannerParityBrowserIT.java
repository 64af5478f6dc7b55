package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** EU-6, EU-7 and US-7: equal choices, no pre-ticked switches, readable text, no layout shift. */
class BannerParityBrowserIT extends BrowserTestSupport {

    private static final List<String> SAME = List.of("font-family", "font-size", "font-weight", "line-height",
            "padding-top", "padding-right", "padding-bottom", "padding-left", "border-top-width",
            "border-right-width", "border-bottom-width", "border-left-width", "border-top-style",
            "border-radius", "color", "background-color", "text-decoration-line", "text-transform", "opacity");

    @Test
    void acceptAndRejectAreEqualButtonsAndChooseIsSecondary() {
        visit("/");
        browser.awaitVisible(BAR);
        List<WebElement> buttons = barButtons();
        assertThat(buttons).extracting(WebElement::getText).containsExactly("Accept all", "Reject all", "Choose");
        assertThat(buttons).extracting(WebElement::getTagName).containsOnly("button");
        assertThat(buttons).extracting(b -> b.getAttribute("class")).containsExactly("c4j-btn", "c4j-btn", "c4j-btn c4j-sec");
        assertEqual(buttons.get(0), buttons.get(1), SAME);
        WebElement choose = buttons.get(2);
        // Same size and type, but not the same colours: choosing is not an answer.
        assertThat(choose.getSize()).isEqualTo(buttons.get(0).getSize());
        assertThat(choose.getCssValue("background-color")).isNotEqualTo(buttons.get(0).getCssValue("background-color"));
        assertThat(buttons.get(0).getCssValue("border-top-width")).isNotEqualTo("0px");
        assertThat(buttons.get(0).getCssValue("font-weight")).isEqualTo("600");
        for (WebElement button : buttons) {
            assertThat(Contrast.ratio(button.getCssValue("color"), button.getCssValue("background-color")))
                    .as(button.getText() + " contrast").isGreaterThanOrEqualTo(4.5);
        }
        browser.screenshot("first-layer");
    }

    @Test
    void thePreferenceCentreOffersAcceptAllRejectAllAndSaveWithEqualWeightFromTheFooterToo() {
        visit("/");
        clickBarButton(1);
        browser.awaitGone(BAR);
        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        List<WebElement> buttons = browser.findAll(PREFS_BUTTONS);
        assertThat(buttons).extracting(WebElement::getText).containsExactly("Accept all", "Reject all", "Save choices");
        assertThat(buttons).extracting(b -> b.getAttribute("class")).containsOnly("c4j-btn");
        assertEqual(buttons.get(0), buttons.get(1), SAME);
        assertEqual(buttons.get(0), buttons.get(2), SAME);
        buttons.get(0).click();
        browser.awaitGone(PREFS);
        browser.await("analytics ran", d -> tagsRun().contains("analytics"));
        assertThat(browser.awaitState()).extracting(s -> map(s.get("categories")).get("advertising")).isEqualTo(true);
    }

    private static void assertEqual(WebElement one, WebElement other, List<String> properties) {
        for (String property : properties) {
            assertThat(other.getCssValue(property)).as(other.getText() + " " + property).isEqualTo(one.getCssValue(property));
        }
        assertThat(other.getSize()).as(other.getText() + " size").isEqualTo(one.getSize());
    }

    @Test
    void textOfBothLayersMeetsWcagAaContrast() {
        visit("/");
        browser.awaitVisible(BAR);
        assertReadable(BAR + " .c4j-title", BAR + " .c4j-body", BAR + " .c4j-link", BAR + " .c4j-close");
        barButtons().get(2).click();
        browser.awaitVisible(PREFS);
        assertReadable(PREFS + " .c4j-title", PREFS + " .c4j-name", PREFS + " .c4j-desc", PREFS + " .c4j-who",
                PREFS + " .c4j-always", PREFS + " .c4j-link", SAVE);
    }

    @Test
    void everyChoosableSwitchStartsOffAndNecessaryIsShownOnAndLocked() {
        visit("/");
        clickBarButton(2);
        browser.awaitVisible(PREFS);
        browser.screenshot("preference-centre");
        List<WebElement> switches = browser.findAll(PREFS + " [role=switch]");
        assertThat(switches).extracting(s -> s.getAttribute("data-topic"))
                .containsExactly("category:necessary", "category:analytics", "category:advertising", "purpose:targeted-ads");
        for (WebElement s : switches) {
            boolean locked = !s.isEnabled();
            assertThat(s.getAttribute("aria-checked")).as(s.getAttribute("data-topic")).isEqualTo(locked ? "true" : "false");
            assertThat(s.getTagName()).isEqualTo("button");
            assertThat(s.getAttribute("aria-labelledby")).isNotBlank();
            assertThat(browser.find("#" + s.getAttribute("aria-labelledby")).getText()).isNotBlank();
        }
        assertThat(switches.stream().filter(s -> !s.isEnabled())).extracting(s -> s.getAttribute("data-topic"))
                .containsExactly("category:necessary");
        assertThat(browser.findAll(PREFS + " input[type=checkbox]:checked")).isEmpty();
        // Each item shows what it is for and who receives the data.
        assertThat(browser.find(PREFS).getText()).contains("Counting visits.", "Sent to: Stub Stats (Stub Analytics Inc.)",
                "Recipients: Stub Ads LLC (Japan)", "Always on");
    }

    @Test
    void theBannerFloatsOverThePageWithoutMovingIt() {
        visit("/");
        browser.awaitVisible(BAR);
        Map<String, Object> withBanner = layout();
        assertThat(browser.find(BAR).getCssValue("position")).isEqualTo("fixed");
        barButtons().get(2).click();
        browser.awaitVisible(PREFS);
        assertThat(browser.find(PREFS).getCssValue("position")).isEqualTo("fixed");
        assertThat(layout()).isEqualTo(withBanner);
        browser.find(PREFS + " .c4j-close").click();
        browser.awaitVisible(BAR);
        barButtons().get(1).click();
        browser.awaitGone(BAR);

        visit("/");
        assertThat(browser.present(BAR)).isFalse();
        assertThat(layout()).isEqualTo(withBanner);
    }

    @Test
    void noStyleAttributeAndNoCspViolationUnderAStrictPolicy() {
        visit("/");
        clickBarButton(2);
        browser.awaitVisible(PREFS);
        switchFor("category:analytics").click();
        assertThat(browser.findAll(".c4j-root [style], .c4j-root[style]")).isEmpty();
        savePreferences();
        browser.await("analytics ran", d -> tagsRun().contains("inline-analytics"));
        assertThat(cspViolations()).isEmpty();
    }

    private Map<String, Object> layout() {
        return browser.js("const r = e => { const b = document.querySelector(e).getBoundingClientRect();"
                + " return [b.left, b.top, b.width, b.height].join(); };"
                + "return {main: r('main'), footer: r('footer'), height: document.documentElement.scrollHeight,"
                + " width: document.documentElement.scrollWidth, scroll: window.scrollY};");
    }

    private void assertReadable(String... selectors) {
        for (String css : selectors) {
            WebElement e = browser.find(css);
            String background = browser.js("let e = arguments[0];"
                    + "while (e && getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)') e = e.parentElement;"
                    + "return e ? getComputedStyle(e).backgroundColor : 'rgb(255, 255, 255)';", e);
            assertThat(Contrast.ratio(e.getCssValue("color"), background)).as(css).isGreaterThanOrEqualTo(4.5);
        }
    }
}
