package dev.consent4j.test.scan;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium with a fresh profile (a new visitor), driven through a chromedriver given
 * by path so that nothing is downloaded, with the DevTools network events kept in its performance
 * log. {@link #close()} quits it and deletes the profile.
 */
public final class Chromium implements AutoCloseable {

    /** Debian's packages; {@code -Dchrome.binary} and {@code -Dwebdriver.chrome.driver} change them. */
    public static final String DEFAULT_BINARY = "/usr/bin/chromium";
    public static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";

    /** Set in CI: a missing browser fails the browser tests instead of skipping them. */
    public static final String REQUIRE_BROWSER = "CONSENT4J_TEST_REQUIRE_BROWSER";

    private final Path profile;
    private final ChromeDriver driver;

    public Chromium(String binary, String driverPath, Duration pageTimeout, List<String> extraArguments) {
        profile = newProfile("consent-scan-profile-");
        ChromeOptions options = headless(binary, profile, extraArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = start(driverPath, options, profile);
        try {
            driver.manage().timeouts().pageLoadTimeout(pageTimeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A new empty profile directory, named from {@code prefix}, in the temporary directory. */
    public static Path newProfile(String prefix) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            return Files.createTempDirectory(tmp, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Chromium started with {@code options} through the chromedriver at {@code driverPath}; when it
     * does not start, {@code profile} is deleted. The scanner and consent4j's own browser tests start it so.
     */
    public static ChromeDriver start(String driverPath, ChromeOptions options, Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort()
                .build();
        try {
            return new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
    }

    /**
     * Options for a quiet headless Chromium at {@code binary} with its own profile directory: no
     * background traffic of its own (updates, sync, translation), so every request it makes comes
     * from the page; 1280×800, English. The scanner and consent4j's own browser tests start it so.
     */
    public static ChromeOptions headless(String binary, Path profile, List<String> extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--window-size=1280,800", "--lang=en-US", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        return options;
    }

    /**
     * Why a browser cannot be started here — the binary or the driver is missing — or {@code null}
     * when it can.
     *
     * @throws IllegalStateException instead, where {@value #REQUIRE_BROWSER} is {@code true} (as in CI)
     */
    public static @Nullable String missing(String binary, String driverPath) {
        if (new File(driverPath).canExecute() && new File(binary).canExecute()) {
            return null;
        }
        String missing = "the scanner needs Chromium and chromedriver (" + binary + ", " + driverPath
                + "): on Debian apt-get install -y --no-install-recommends chromium chromium-driver";
        if (Boolean.parseBoolean(System.getenv(REQUIRE_BROWSER))) {
            throw new IllegalStateException(missing + ", but " + REQUIRE_BROWSER + "=true");
        }
        return missing;
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    /** Deletes a profile directory {@link #newProfile} made, with everything the browser left in it. */
    public static void deleteProfile(Path profile) {
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
