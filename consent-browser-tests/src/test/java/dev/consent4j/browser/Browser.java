package dev.consent4j.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.consent4j.test.scan.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with a fresh profile, driven through the Debian chromedriver given
 * by path (nothing is downloaded). {@link #close()} quits it and deletes the profile.
 */
final class Browser implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path profile;
    private final ChromeDriver driver;
    private final String testName;

    /** Set in CI: a missing browser fails the browser tests instead of skipping them. */
    static final String REQUIRE_BROWSER = "CONSENT4J_TEST_REQUIRE_BROWSER";

    private static String driverPath() {
        return System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    }

    private static String binary() {
        return System.getProperty("chrome.binary", "/usr/bin/chromium");
    }

    /**
     * Why the browser tests cannot run here — Debian's chromium or chromedriver is missing — or
     * {@code null} when they can.
     *
     * @throws IllegalStateException instead, where {@value #REQUIRE_BROWSER} is {@code true} (as in CI)
     */
    static String missingChromium() {
        if (new File(driverPath()).canExecute() && new File(binary()).canExecute()) {
            return null;
        }
        String missing = "the browser tests need Debian's chromium and chromium-driver (" + binary() + ", " + driverPath()
                + "): apt-get install -y --no-install-recommends chromium chromium-driver";
        if (Boolean.parseBoolean(System.getenv(REQUIRE_BROWSER))) {
            throw new IllegalStateException(missing + ", but " + REQUIRE_BROWSER + "=true");
        }
        return missing;
    }

    Browser(String testName, String... extraArguments) {
        this.testName = testName;
        String driverPath = driverPath();
        String binary = binary();
        if (missingChromium() != null) {
            throw new IllegalStateException(missingChromium());
        }
        profile = Chromium.newProfile("chrome-profile-");
        driver = Chromium.start(driverPath, Chromium.headless(binary, profile, List.of(extraArguments)), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Makes the page's viewport (innerWidth × innerHeight) exactly {@code width} × {@code height} CSS
     * pixels: the window is that much larger than the viewport, by what the browser's own frame takes.
     */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        java.util.List<Number> inner = js("return [innerWidth, innerHeight]");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + width - inner.get(0).intValue(),
                height + height - inner.get(1).intValue()));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !findAll(css).isEmpty();
    }

    /** Waits until {@code condition} returns something other than {@code null} or {@code false}. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT).withMessage(what).until(condition);
    }

    WebElement awaitVisible(String css) {
        return await(css + " visible", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    void awaitGone(String css) {
        await(css + " gone", d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    @SuppressWarnings("unchecked")
    <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the banner script has applied the state it fetched from the server. */
    Map<String, Object> awaitState() {
        return await("consent4j state applied",
                d -> js("return window.consent4j && window.consent4j.state() || null"));
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    void shiftTab() {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /** Presses Tab until the focused element matches {@code css}; fails after {@code max} presses. */
    WebElement tabTo(String css, int max) {
        for (int i = 0; i < max; i++) {
            press(Keys.TAB);
            if (js("return document.activeElement.matches(arguments[0])", css)) {
                return focused();
            }
        }
        throw new AssertionError("no element matching " + css + " was reached with " + max + " Tab presses");
    }

    Set<String> cookieNames() {
        return driver.manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
    }

    /** Saves a PNG of the viewport as target/screenshots/{test}-{state}.png. */
    void screenshot(String state) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(testName + "-" + state + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.delete(shot.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console, for failure messages. */
    String describe() {
        return "url=" + driver.getCurrentUrl() + " html=" + new String(
                driver.getPageSource().getBytes(UTF_8), UTF_8);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Chromium.deleteProfile(profile);
        }
    }
}
