package dev.consent4j.test;

import dev.consent4j.LogSafe;
import dev.consent4j.event.Action;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.ConsentState;
import dev.consent4j.test.scan.Chromium;
import dev.consent4j.test.scan.PassRunner;
import dev.consent4j.test.scan.Seen;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives headless Chromium through a shop's pages three times — as a visitor who has not chosen,
 * after the banner's "reject all", after its "accept all" (each press on the real banner) — and
 * compares every cookie, localStorage key and third-party host it saw with the policy, under the
 * state the library's decision function gives that visitor.
 *
 * <pre>{@code
 * ScanReport report = ShopScanner.builder(kit, URI.create("http://127.0.0.1:8080/"))
 *         .crawl(20, Duration.ofSeconds(30))
 *         .jurisdiction(Jurisdiction.JP)
 *         .build()
 *         .scan();
 * report.assertNoViolations();
 * }</pre>
 *
 * Chromium and chromedriver are taken by path ({@value Chromium#DEFAULT_BINARY},
 * {@value Chromium#DEFAULT_DRIVER}; the {@code chrome.binary} and {@code webdriver.chrome.driver}
 * system properties or the builder change them); nothing is downloaded.
 */
public final class ShopScanner {

    private static final Logger LOG = LoggerFactory.getLogger(ShopScanner.class);
    /** Storage keys the banner itself keeps. */
    private static final Set<String> LIBRARY_STORAGE_KEYS = Set.of("consent4j.");

    private final ConsentTestKit kit;
    private final List<URI> pages;
    private final boolean crawl;
    private final int maxPages;
    private final Duration maxTime;
    private final Jurisdiction jurisdiction;
    private final boolean gpc;
    private final String binary;
    private final String driver;
    private final List<String> browserArguments;
    private final Duration pageTimeout;

    private ShopScanner(Builder builder) {
        this.kit = builder.kit;
        this.pages = List.copyOf(builder.pages);
        this.crawl = builder.crawl;
        this.maxPages = builder.maxPages;
        this.maxTime = builder.maxTime;
        this.jurisdiction = builder.jurisdiction;
        this.gpc = builder.gpc;
        this.binary = builder.binary;
        this.driver = builder.driver;
        List<String> arguments = new ArrayList<>();
        if (!builder.hostRules.isEmpty()) {
            arguments.add("--host-resolver-rules=" + String.join(", ", builder.hostRules));
        }
        this.browserArguments = List.copyOf(arguments);
        this.pageTimeout = builder.pageTimeout;
    }

    /** A scanner of {@code pages} (the first is where the banner's buttons are pressed). */
    public static Builder builder(ConsentTestKit kit, URI... pages) {
        return new Builder(kit, List.of(pages));
    }

    public static Builder builder(ConsentTestKit kit, List<URI> pages) {
        return new Builder(kit, pages);
    }

    /**
     * Why no browser can be started here, or empty when one can.
     *
     * @throws IllegalStateException instead where {@value Chromium#REQUIRE_BROWSER} is {@code true}
     */
    public Optional<String> browserMissing() {
        return Optional.ofNullable(Chromium.missing(binary, driver));
    }

    /**
     * Runs the three passes and judges what they saw.
     *
     * @throws IllegalStateException when the browser is missing or the banner never shows
     */
    public ScanReport scan() {
        browserMissing().ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        Instant started = Instant.now();
        Instant deadline = started.plus(maxTime);
        Set<String> own = new LinkedHashSet<>(kit.firstPartyHosts());
        pages.forEach(p -> own.add(p.getHost().toLowerCase(Locale.ROOT)));
        String consentCookie = kit.cookieSettings().name();
        Map<String, String> headers = new LinkedHashMap<>(kit.jurisdictionHeaders(jurisdiction));
        if (gpc) {
            headers.put("Sec-GPC", "1");
        }
        List<Seen.Pass> passes = new ArrayList<>();
        List<Seen.Violation> violations = new ArrayList<>();
        List<URI> visit = pages;
        for (PassRunner.Choice choice : PassRunner.Choice.values()) {
            Action pressed = choice == PassRunner.Choice.NONE ? null
                    : choice == PassRunner.Choice.REJECT_ALL ? Action.DENY : Action.GRANT;
            ConsentState state = kit.bannerState(jurisdiction, gpc, pressed);
            String visitor = "a visitor in " + jurisdiction.code() + (gpc ? " with GPC" : "")
                    + (pressed == null ? " who has not chosen" : " after " + choice.label());
            try (Chromium browser = new Chromium(binary, driver, pageTimeout, browserArguments)) {
                PassRunner runner = new PassRunner(browser.driver(), own::contains, LIBRARY_STORAGE_KEYS);
                runner.extraHeaders(headers);
                if (pressed != null) {
                    runner.choose(choice, visit.get(0), consentCookie);
                }
                List<String> visited = runner.visit(visit, crawl && pressed == null, maxPages, deadline);
                if (pressed == null) {
                    visit = visited.stream().map(URI::create).toList();
                }
                Seen.Pass pass = runner.result(choice.label(), visitor);
                passes.add(pass);
                judge(pass, state, consentCookie, violations);
                LOG.info("scan pass '{}': {} pages, {} cookies, {} third-party hosts, {} storage keys", choice.label(),
                        pass.pages().size(), pass.cookies().size(), pass.hosts().size(), pass.storageKeys().size());
            }
        }
        return new ScanReport(started.toString(), Duration.between(started, Instant.now()).toMillis(),
                kit.policy().id() + " " + kit.policy().version(), jurisdiction.code(), gpc, passes, violations);
    }

    private void judge(Seen.Pass pass, ConsentState state, String consentCookie, List<Seen.Violation> violations) {
        String who = "in the '" + pass.name() + "' pass";
        for (Seen.Cookie cookie : pass.cookies()) {
            if (cookie.name().equals(consentCookie) || cookie.name().equals("__Host-" + consentCookie)) {
                continue;
            }
            String where = who + ", first on " + cookie.firstSeenOn();
            String setBy = cookie.thirdParty() ? "third-party-domain" : cookie.httpOnly() ? "server" : "script";
            String domain = cookie.domain().startsWith(".") ? cookie.domain().substring(1) : null;
            kit.judge().cookie(cookie.name(), state, where, domain, setBy, "cookie")
                    .or(() -> kit.judge().lifetime(cookie.name(), cookie.lifetimeSeconds(), state, kit.consentValidity(), where))
                    .ifPresent(f -> violations.add(violation(pass, cookie.firstSeenOn(), f)));
        }
        for (Seen.StorageKey key : pass.storageKeys()) {
            kit.judge().cookie(key.key(), state, who + ", first on " + key.firstSeenOn(), null, "script", "local-storage")
                    .ifPresent(f -> violations.add(violation(pass, key.firstSeenOn(), f)));
        }
        for (Seen.Host host : pass.hosts()) {
            kit.judge().host(host.host(), state, "the browser contacted", who + ", first on " + host.firstSeenOn()
                    + " (" + host.firstUrl() + ")").ifPresent(f -> violations.add(violation(pass, host.firstSeenOn(), f)));
        }
    }

    private static Seen.Violation violation(Seen.Pass pass, String page, Finding finding) {
        return new Seen.Violation(pass.name(), page, finding.kind(), finding.item(), finding.category(), finding.message(),
                finding.suggestion());
    }

    /** Builds a {@link ShopScanner}: the pages to visit and, optionally, crawling, where and how. */
    public static final class Builder {
        private final ConsentTestKit kit;
        private final List<URI> pages;
        private boolean crawl;
        private int maxPages = 20;
        private Duration maxTime = Duration.ofMinutes(2);
        private Jurisdiction jurisdiction;
        private boolean gpc;
        private String binary = System.getProperty("chrome.binary", Chromium.DEFAULT_BINARY);
        private String driver = System.getProperty("webdriver.chrome.driver", Chromium.DEFAULT_DRIVER);
        private final List<String> hostRules = new ArrayList<>();
        private Duration pageTimeout = Duration.ofSeconds(20);

        private Builder(ConsentTestKit kit, List<URI> pages) {
            this.kit = Objects.requireNonNull(kit, "kit");
            if (pages.isEmpty()) {
                throw new IllegalArgumentException("give at least one page to scan");
            }
            for (URI page : pages) {
                if (page.getHost() == null || page.getScheme() == null || !page.getScheme().matches("https?")) {
                    throw new IllegalArgumentException("pages to scan are http(s) URLs with a host, but one was " + LogSafe.quote(page));
                }
            }
            this.pages = List.copyOf(pages);
            this.jurisdiction = kit.settings().defaultJurisdiction();
        }

        /**
         * Also follows same-origin links from the pages (in the first pass; the other passes visit
         * the same pages), up to {@code maxPages} in all and {@code maxTime} for the whole scan.
         */
        public Builder crawl(int maxPages, Duration maxTime) {
            if (maxPages < 1 || maxTime.isNegative() || maxTime.isZero()) {
                throw new IllegalArgumentException("crawl needs at least one page and some time, but was " + maxPages
                        + " pages in " + maxTime);
            }
            this.crawl = true;
            this.maxPages = maxPages;
            this.maxTime = maxTime;
            return this;
        }

        /**
         * Where the visitor is, which decides each category's basis; the kit's default jurisdiction
         * unless given. The browser sends the kit's jurisdiction headers for it, when it has them.
         */
        public Builder jurisdiction(Jurisdiction jurisdiction) {
            this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction");
            return this;
        }

        /** Whether the browser sends {@code Sec-GPC: 1}. */
        public Builder gpc(boolean gpc) {
            this.gpc = gpc;
            return this;
        }

        /** The Chromium binary and the chromedriver to drive it with. */
        public Builder browser(String chromiumBinary, String chromedriver) {
            this.binary = Objects.requireNonNull(chromiumBinary, "chromiumBinary");
            this.driver = Objects.requireNonNull(chromedriver, "chromedriver");
            return this;
        }

        /**
         * Makes Chromium resolve {@code host} to {@code address}, e.g. a tracker host name served by
         * a local test server ({@code --host-resolver-rules}).
         */
        public Builder mapHost(String host, String address) {
            if (!host.matches("[A-Za-z0-9.*-]+") || !address.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                throw new IllegalArgumentException("mapHost takes a host name and an address, but was " + LogSafe.quote(host)
                        + " to " + LogSafe.quote(address));
            }
            hostRules.add("MAP " + host + " " + address);
            return this;
        }

        /** How long one page may take to load; 20 s unless given. */
        public Builder pageTimeout(Duration timeout) {
            this.pageTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public ShopScanner build() {
            return new ShopScanner(this);
        }
    }
}
