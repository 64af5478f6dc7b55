package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.consent4j.event.SubjectId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The banner, the preference centre and the public pages as JP, EU and US shoppers meet them:
 * wording, the US opt-out, keyboard parity, focus, reflow, axe-core, and screenshots for review.
 */
class ShopperPagesBrowserIT extends BrowserTestSupport {

    private static final List<Dimension> SIZES = List.of(new Dimension(1280, 900), new Dimension(390, 844));

    /** Sets the visitor's country (and GPC) before the first page, as a CDN and the browser would send them. */
    private void as(String where, boolean gpc) {
        browser.open(shop.url("/consent/assets/page.css"));
        browser.driver().manage().addCookie(new Cookie("where", where));
        if (gpc) {
            browser.driver().manage().addCookie(new Cookie("gpc", "1"));
        }
    }

    private Map<String, Object> banner() {
        return map(browser.awaitState().get("banner"));
    }

    @Test
    void aJapaneseVisitorReadsNoticeWordingThatNamesWhatRuns() {
        as("JP", false);
        visit("/?lang=ja");
        WebElement bar = browser.awaitVisible(BAR);
        assertThat(banner()).containsEntry("wording", "notice");
        assertThat(bar.getText()).contains("当店は、「統計」のためのCookie等を、公表のうえ使用しています。")
                .contains("「広告」、「興味に合わせた広告」のためのCookie等を、同意いただいた場合にのみ使用します。")
                .doesNotContain("統計」のためのCookie等を、同意");
        // Analytics runs before any choice, as the text says.
        browser.await("analytics ran", d -> tagsRun().contains("analytics"));
    }

    @Test
    void anEuVisitorReadsOptInWordingAndNothingRuns() {
        as("DE", false);
        visit("/");
        WebElement bar = browser.awaitVisible(BAR);
        assertThat(banner()).containsEntry("wording", "opt-in");
        assertThat(bar.getText()).contains("for Statistics, Advertising, Targeted advertising, only if you agree");
        assertThat(tagsRun()).isEmpty();
    }

    @Test
    void aUsVisitorWithGpcSeesTheHonouredStatusInFooterAndCentreIsNotAskedAndAcceptAllKeepsTheOptOut() {
        as("US-CA", true);
        visit("/");
        assertThat(banner()).containsEntry("wording", "us").containsEntry("ask", false);
        assertThat(browser.present(BAR)).isFalse();
        assertThat(browser.find("#privacy-status").getText()).startsWith("Opt-out preference signal honoured");

        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        assertThat(browser.find(PREFS + " .c4j-gpc").getText()).startsWith("Opt-out preference signal honoured");
        assertThat(switchFor("purpose:targeted-ads").getAttribute("aria-checked")).isEqualTo("false");
        browser.findAll(PREFS_BUTTONS).get(0).click();
        browser.awaitGone(PREFS);

        // Accept all granted statistics but left the sale/sharing opt-out alone, with or without the signal.
        browser.driver().manage().deleteCookieNamed("gpc");
        Map<String, Object> later = visit("/page2");
        assertThat(map(later.get("categories"))).containsEntry("analytics", true).containsEntry("advertising", false);
        assertThat(map(later.get("purposes"))).containsEntry("targeted-ads", false);
    }

    @Test
    void aUsVisitorWhoOptsOutIsNotAskedAgainAndSeesTheStatus() {
        as("US-CA", false);
        visit("/");
        browser.awaitVisible(BAR);
        assertThat(banner()).containsEntry("wording", "us");
        Map<String, Object> after = browser.js("return fetch('/consent/do-not-sell', {method: 'POST'}).then(r => r.json())");
        assertThat(map(after.get("banner"))).containsEntry("ask", false);

        visit("/page2");
        assertThat(browser.present(BAR)).isFalse();
        assertThat(browser.find("#privacy-status").getText()).startsWith("You have opted out of the sale or sharing");
        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        assertThat(browser.find(PREFS + " .c4j-gpc").getText()).startsWith("You have opted out");

        // Saving the centre as it is keeps the opt-out an opt-out (not a mere refusal), status included.
        browser.find(SAVE).click();
        browser.awaitGone(PREFS);
        assertThat(map(browser.awaitState().get("banner"))).containsEntry("ask", false);
        assertThat(browser.find("#privacy-status").getText()).startsWith("You have opted out of the sale or sharing");
    }

    /**
     * EU-4: withdrawing from the footer entry takes no more keyboard interactions than accepting from
     * the banner did. Each path is counted in Tab and Enter presses from the moment the consent
     * interface has the focus: the banner takes it when it opens; the shop's footer link is where a
     * visitor goes to change their mind, and opening it is one press more, which the test reports.
     */
    @Test
    void withdrawingFromTheFooterTakesNoMoreKeyPressesThanAcceptingFromTheBanner() {
        as("DE", false);
        visit("/");
        browser.awaitVisible(BAR);
        int accept = pressTabUntil(BAR + " .c4j-btn:nth-child(1)") + enter();
        browser.awaitGone(BAR);
        browser.await("analytics ran", d -> tagsRun().contains("analytics"));

        visit("/page2");
        browser.js("document.getElementById('privacy-choices').focus()");
        int open = enter();
        browser.awaitVisible(PREFS);
        int withdraw = pressTabUntil(PREFS_BUTTONS + ":nth-child(2)") + enter();
        browser.awaitGone(PREFS);

        assertThat(map(browser.awaitState().get("categories"))).containsEntry("analytics", false);
        assertThat(open).isEqualTo(1);
        assertThat(withdraw).as("reject all in the centre: %d presses; accept all in the banner: %d", withdraw, accept)
                .isLessThanOrEqualTo(accept);
    }

    private int pressTabUntil(String css) {
        for (int presses = 1; presses <= 30; presses++) {
            browser.press(Keys.TAB);
            if (browser.<Boolean>js("return document.activeElement.matches(arguments[0])", css)) {
                return presses;
            }
        }
        throw new AssertionError(css + " not reached in 30 Tab presses");
    }

    private int enter() {
        browser.press(Keys.ENTER);
        return 1;
    }

    @Test
    void focusLandsOnASensibleElementAfterEveryWayOfClosingAndSavingIsAnnounced() {
        as("DE", false);
        for (String way : List.of("accept", "reject", "escape", "close")) {
            browser.driver().manage().deleteCookieNamed("consent");
            browser.js("sessionStorage.clear()");
            visit("/");
            browser.awaitVisible(BAR);
            switch (way) {
                case "accept" -> barButtons().get(0).click();
                case "reject" -> barButtons().get(1).click();
                case "escape" -> browser.press(Keys.ESCAPE);
                default -> browser.find(BAR + " .c4j-close").click();
            }
            browser.awaitGone(BAR);
            assertThat(browser.focused().getAttribute("id")).as(way).isEqualTo("privacy-choices");
        }
        browser.find("#privacy-choices").click();
        browser.awaitVisible(PREFS);
        List<WebElement> switches = browser.findAll(PREFS + " [role=switch]");
        for (WebElement s : switches) {
            String[] described = s.getAttribute("aria-describedby").split(" ");
            assertThat(browser.find("#" + described[described.length - 1]).getText()).as(s.getAttribute("data-topic"))
                    .isNotBlank();
        }
        switchFor("category:analytics").click();
        browser.find(SAVE).click();
        browser.awaitGone(PREFS);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("privacy-choices");
        WebElement live = browser.find(".c4j-root [role=status]");
        assertThat(live.getText()).isEqualTo("Your privacy choices were saved.");
    }

    @Test
    void bannerAndCentreScrollInsideThemselvesAt400PercentZoomWithTheTopAndCloseReachable() {
        as("DE", false);
        browser.viewport(320, 256);
        visit("/?lang=ja");
        browser.awaitVisible(BAR);
        assertThat(browser.<List<Number>>js("return [innerWidth, innerHeight]")).extracting(Number::intValue)
                .containsExactly(320, 256);
        assertReflows(BAR);
        barButtons().get(2).click();
        browser.awaitVisible(PREFS);
        assertReflows(PREFS);
        browser.screenshot("320x256-centre");
    }

    private void assertReflows(String css) {
        Map<String, Object> box = browser.js("const e = document.querySelector(arguments[0]), r = e.getBoundingClientRect();"
                + "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, scrolls: e.scrollHeight > e.clientHeight,"
                + " overflow: getComputedStyle(e).overflowY, vw: innerWidth, vh: innerHeight,"
                + " pageWide: document.documentElement.scrollWidth > innerWidth}", css);
        assertThat(((Number) box.get("top")).doubleValue()).as("top").isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("bottom")).doubleValue()).as("bottom").isLessThanOrEqualTo(((Number) box.get("vh")).doubleValue());
        assertThat(((Number) box.get("right")).doubleValue()).as("right").isLessThanOrEqualTo(((Number) box.get("vw")).doubleValue());
        assertThat(box.get("overflow")).isEqualTo("auto");
        assertThat(box.get("pageWide")).isEqualTo(false);
        // The close button is in view at the top; the last button is reachable by scrolling inside the layer.
        WebElement close = browser.find(css + " .c4j-close");
        assertThat(browser.<Boolean>js("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", close)).isTrue();
        List<WebElement> buttons = browser.findAll(css + " .c4j-btn");
        WebElement last = buttons.get(buttons.size() - 1);
        browser.js("arguments[0].scrollIntoView({block: 'end'})", last);
        assertThat(browser.<Boolean>js("const r = arguments[0].getBoundingClientRect(); return r.bottom <= innerHeight + 1;", last)).isTrue();
        browser.js("document.querySelector(arguments[0]).scrollTop = 0", css);
    }

    @Test
    void onAPhoneTheButtonsStackOneARowAndInLandscapeSaveStaysInSight() {
        as("DE", false);
        browser.viewport(390, 844);
        visit("/");
        browser.awaitVisible(BAR);
        List<WebElement> buttons = barButtons();
        for (int i = 1; i < buttons.size(); i++) {
            assertThat(buttons.get(i).getRect().getX()).isEqualTo(buttons.get(0).getRect().getX());
            assertThat(buttons.get(i).getRect().getWidth()).isEqualTo(buttons.get(0).getRect().getWidth());
            assertThat(buttons.get(i).getRect().getY()).isGreaterThan(buttons.get(i - 1).getRect().getY());
        }

        browser.viewport(844, 390);
        barButtons().get(2).click();
        browser.awaitVisible(PREFS);
        browser.screenshot("844x390-centre");
        assertThat(browser.<Boolean>js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= innerHeight;", SAVE)).as("Save in view without scrolling").isTrue();
    }

    @Test
    void theShopsCustomPropertiesThemeTheBanner() {
        as("DE", false);
        visit("/");
        browser.awaitVisible(BAR);
        // Set through the CSSOM, as a shop's stylesheet would; the page's CSP allows no inline style.
        browser.js("const s = document.documentElement.style; s.setProperty('--c4j-btn-bg', 'rgb(122, 31, 61)');"
                + " s.setProperty('--c4j-btn-radius', '0px'); s.setProperty('--c4j-font', 'serif');");
        WebElement accept = barButtons().get(0);
        assertThat(accept.getCssValue("background-color")).isEqualTo("rgba(122, 31, 61, 1)");
        assertThat(accept.getCssValue("border-top-left-radius")).isEqualTo("0px");
        assertThat(barButtons().get(1).getCssValue("background-color")).isEqualTo("rgba(122, 31, 61, 1)");
        assertThat(barButtons().get(2).getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        assertThat(browser.find(".c4j-root").getCssValue("font-family")).isEqualTo("serif");
    }

    @Test
    void bannerCentreDisclosureAndUnsubscribeHaveNoAxeViolationsInBothLanguagesAndSizes() {
        as("DE", false);
        String token = shop.tokens.issue(SubjectId.customer("c-1"), "newsletter", "email");
        for (String lang : List.of("ja", "en")) {
            for (Dimension size : SIZES) {
                String tag = lang + "-" + size.getWidth() + "x" + size.getHeight();
                browser.viewport(size.getWidth(), size.getHeight());
                browser.driver().manage().deleteCookieNamed("consent");
                browser.js("sessionStorage.clear()");
                visit("/?lang=" + lang);
                browser.awaitVisible(BAR);
                browser.screenshot("banner-" + tag);
                assertNoViolations("banner " + tag);
                barButtons().get(2).click();
                browser.awaitVisible(PREFS);
                browser.screenshot("centre-" + tag);
                assertNoViolations("centre " + tag);

                browser.open(shop.url("/consent/disclosure?lang=" + lang));
                assertThat(browser.find("main h1").getText()).isNotBlank();
                assertThat(browser.find(".c4j-shop").getText()).isEqualTo(lang.equals("ja") ? "和菓子テスト店" : "Wagashi Test Shop");
                browser.screenshot("disclosure-" + tag);
                assertNoViolations("disclosure " + tag);

                browser.open(shop.url("/consent/unsubscribe/" + token + "?lang=" + lang));
                assertThat(browser.find("main").getText()).contains(lang.equals("ja") ? "メールマガジン（メール）" : "Newsletter (E-mail)");
                assertNoViolations("unsubscribe " + tag);
                browser.find("main form button").click();
                String done = lang.equals("ja") ? "配信を停止しました" : "You have been unsubscribed";
                browser.await("unsubscribed", d -> {
                    try {
                        return d.findElement(org.openqa.selenium.By.cssSelector("main")).getText().contains(done);
                    } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                        return false; // the page is being replaced by the answer to the form
                    }
                });
                browser.screenshot("unsubscribed-" + tag);
                assertNoViolations("unsubscribed " + tag);
                assertThat(browser.find(".c4j-page-foot a").getAttribute("href")).isEqualTo(shop.url("/"));
            }
        }
    }

    @Test
    void theDisclosureAndUnsubscribePagesWorkWithScriptsOff() {
        String token = shop.tokens.issue(SubjectId.customer("c-2"), "newsletter", "email");
        try (Browser noScript = new Browser("ShopperPagesBrowserIT-noScript", "--blink-settings=scriptEnabled=false")) {
            // Scripts are off: the shop page's banner never appears.
            noScript.open(shop.url("/"));
            assertThat(noScript.find("h1").getText()).isEqualTo("Seasonal sweets");
            assertThat(noScript.present(".c4j-root")).isFalse();
            noScript.open(shop.url("/consent/disclosure?lang=en"));
            assertThat(noScript.find("main").getText()).contains("Stub Ads LLC", "Japan (JP)", "Kyoto", "Test Owner");
            noScript.open(shop.url("/consent/unsubscribe/" + token + "?lang=en"));
            noScript.find("main form button").click();
            noScript.await("unsubscribed without script", d -> {
                try {
                    return d.findElement(org.openqa.selenium.By.cssSelector("main [role=status]")).getText()
                            .startsWith("You have been unsubscribed");
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                    return false;
                }
            });
        }
        assertThat(shop.consents().mayContact(SubjectId.customer("c-2"), "newsletter", "email")).isFalse();
    }

    private void assertNoViolations(String where) {
        Results results = new AxeBuilder().analyze(browser.driver());
        List<Rule> violations = results.getViolations();
        assertThat(violations).as(where + ": " + violations.stream()
                .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
    }
}
