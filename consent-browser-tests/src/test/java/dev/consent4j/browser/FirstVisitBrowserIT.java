package dev.consent4j.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class FirstVisitBrowserIT {

    static TrackerStub trackers;
    static ShopServer shop;
    Browser browser;

    @BeforeAll
    static void start() throws Exception {
        trackers = new TrackerStub();
        shop = new ShopServer(trackers);
    }

    @AfterAll
    static void stop() throws Exception {
        shop.close();
        trackers.close();
    }

    @BeforeEach
    void open(TestInfo info) {
        trackers.reset();
        browser = new Browser(getClass().getSimpleName() + "-" + info.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void firstVisitShowsTheBannerAndLoadsNoTracker() {
        browser.open(shop.url("/"));
        browser.awaitVisible(".c4j-bar");
        browser.awaitState();
        browser.screenshot("first-layer");

        assertThat(trackers.totalHits()).isZero();
        assertThat(browser.findAll("script[type='text/plain'][data-consent]")).hasSize(3);
        assertThat(browser.<List<Object>>js("return window.stubRuns")).isEmpty();
        assertThat(browser.<List<Object>>js("return window.cspViolations")).isEmpty();
    }

    @Test
    void acceptAllRunsTheTags() {
        browser.open(shop.url("/"));
        browser.awaitVisible(".c4j-bar");
        browser.findAll(".c4j-bar .c4j-btn").get(0).click();
        browser.awaitGone(".c4j-bar");
        browser.await("tags ran", d -> browser.<List<Object>>js("return window.stubRuns").size() == 3);
        browser.screenshot("accepted");
        assertThat(browser.<List<Object>>js("return window.stubRuns")).containsExactly("analytics", "inline-analytics", "ads");
        assertThat(browser.<List<Object>>js("return window.cspViolations")).isEmpty();
        assertThat(trackers.hits("/analytics.js")).isEqualTo(1);
    }
}
