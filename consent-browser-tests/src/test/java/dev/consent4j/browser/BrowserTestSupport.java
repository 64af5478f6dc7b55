package dev.consent4j.browser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shop and one set of tracker stubs per test class; a fresh browser profile (a new visitor)
 * per test.
 */
abstract class BrowserTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserTestSupport.class);

    static final String BAR = ".c4j-bar";
    static final String PREFS = ".c4j-prefs";
    /** The preference centre's buttons: accept all, reject all, save. */
    static final String PREFS_BUTTONS = PREFS + " .c4j-actions .c4j-btn";
    static final String SAVE = PREFS + " .c4j-actions:last-child .c4j-btn";

    private static String missingBrowser;
    private static boolean toldOfSkip;
    static TrackerStub trackers;
    static ShopServer shop;
    Browser browser;

    @BeforeAll
    static void startServers() throws Exception {
        missingBrowser = Browser.missingChromium();
        if (missingBrowser != null) {
            if (!toldOfSkip) {
                toldOfSkip = true;
                LOG.warn("browser tests skipped: {}", missingBrowser);
            }
            return;
        }
        trackers = new TrackerStub();
        shop = new ShopServer(trackers);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (trackers != null) {
            trackers.close();
        }
    }

    @BeforeEach
    void openBrowser(TestInfo info) {
        Assumptions.assumeTrue(missingBrowser == null, () -> missingBrowser);
        trackers.reset();
        browser = new Browser(getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Opens a page of the shop and waits until the banner script has applied the state. */
    Map<String, Object> visit(String path) {
        browser.open(shop.url(path));
        return browser.awaitState();
    }

    /** The buttons of the first layer: accept all, reject all, choose. */
    List<org.openqa.selenium.WebElement> barButtons() {
        return browser.findAll(BAR + " .c4j-btn");
    }

    org.openqa.selenium.WebElement switchFor(String topic) {
        return browser.find(PREFS + " [role=switch][data-topic='" + topic + "']");
    }

    /** Tags that ran in the page, in order ({@code analytics}, {@code inline-analytics}, {@code ads}). */
    List<Object> tagsRun() {
        return browser.js("return window.stubRuns");
    }

    List<Object> cspViolations() {
        return browser.js("return window.cspViolations");
    }

    /** Every Consent Mode command in {@code window.dataLayer}, each as a list of its arguments. */
    List<List<Object>> consentCommands() {
        return browser.js("return (window.dataLayer || []).map(a => Array.from(a)).filter(a => a[0] === 'consent')");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Waits for the first layer and chooses through its buttons: 0 accept, 1 reject, 2 choose. */
    void clickBarButton(int index) {
        browser.awaitVisible(BAR);
        barButtons().get(index).click();
    }

    /** Saves the preference centre and waits until it has closed and the new state is applied. */
    void savePreferences() {
        browser.find(SAVE).click();
        browser.awaitGone(PREFS);
    }
}
