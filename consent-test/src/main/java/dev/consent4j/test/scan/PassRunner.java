package dev.consent4j.test.scan;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives one browser through the pages as one kind of visitor and records what it saw: every
 * cookie in the jar (DevTools {@code Network.getAllCookies}, so third-party and HttpOnly ones too),
 * every host requested (the DevTools {@code Network.requestWillBeSent} events of the performance
 * log) and every localStorage key.
 */
public final class PassRunner {

    /** The banner's first layer and its buttons, in order: accept all, reject all, choose. */
    static final String BAR_BUTTONS = ".c4j-bar .c4j-actions .c4j-btn";

    private static final Logger LOG = LoggerFactory.getLogger(PassRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    /** Which banner button the visitor presses before the pass, if any. */
    public enum Choice {
        NONE("no choice", -1), REJECT_ALL("reject all", 1), ACCEPT_ALL("accept all", 0);

        private final String label;
        private final int button;

        Choice(String label, int button) {
            this.label = label;
            this.button = button;
        }

        public String label() {
            return label;
        }
    }

    private final ChromeDriver driver;
    private final Predicate<String> firstParty;
    private final Set<String> ownStorageKeys;
    private final Map<String, Seen.Cookie> cookies = new LinkedHashMap<>();
    private final Map<String, Seen.Host> hosts = new LinkedHashMap<>();
    private final Map<String, Seen.StorageKey> storage = new LinkedHashMap<>();
    private final List<String> visited = new ArrayList<>();

    /**
     * @param firstParty     whether a host is the shop's own
     * @param ownStorageKeys prefixes of storage keys the library itself keeps
     */
    public PassRunner(ChromeDriver driver, Predicate<String> firstParty, Set<String> ownStorageKeys) {
        this.driver = driver;
        this.firstParty = firstParty;
        this.ownStorageKeys = ownStorageKeys;
    }

    /** Sends these headers with every request of this browser, e.g. {@code Sec-GPC} or a country header. */
    public void extraHeaders(Map<String, String> headers) {
        if (!headers.isEmpty()) {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.copyOf(headers)));
        }
    }

    /**
     * Presses the banner's button for {@code choice} on {@code page}; what happened before the
     * press is not recorded.
     *
     * @throws IllegalStateException when the banner does not show within 10 s
     */
    public void choose(Choice choice, URI page, String consentCookie) {
        driver.get(page.toString());
        List<WebElement> buttons;
        try {
            buttons = new WebDriverWait(driver, BANNER_TIMEOUT, POLL).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(BAR_BUTTONS));
                return found.size() >= 2 && found.get(choice.button).isDisplayed() ? found : null;
            });
        } catch (TimeoutException e) {
            throw new IllegalStateException("the consent banner did not show on " + page + " within "
                    + BANNER_TIMEOUT.toSeconds() + " s, so '" + choice.label + "' could not be pressed: is consent.js on"
                    + " the page, and does a first-time visitor there have a choice to make?");
        }
        buttons.get(choice.button).click();
        new WebDriverWait(driver, BANNER_TIMEOUT, POLL).withMessage("the consent cookie after pressing '" + choice.label + "'")
                .until(d -> allCookies().stream().anyMatch(c -> consentCookie.equals(c.path("name").asString())
                        || ("__Host-" + consentCookie).equals(c.path("name").asString())));
        awaitQuiet();
        driver.manage().logs().get(LogType.PERFORMANCE); // drained: the pass starts after the choice
    }

    /**
     * Visits {@code pages}, then — when {@code crawl} — same-origin links found on them, breadth
     * first, until {@code maxPages} pages or {@code deadline}. Answers the pages visited.
     */
    public List<String> visit(List<URI> pages, boolean crawl, int maxPages, Instant deadline) {
        Deque<URI> queue = new ArrayDeque<>(pages);
        Set<String> queued = new LinkedHashSet<>();
        pages.forEach(p -> queued.add(withoutFragment(p).toString()));
        while (!queue.isEmpty() && visited.size() < maxPages) {
            if (Instant.now().isAfter(deadline)) {
                LOG.warn("scan time is up after {} pages; {} more were not visited", visited.size(), queue.size());
                break;
            }
            URI page = queue.removeFirst();
            driver.get(page.toString());
            awaitQuiet();
            record(page.toString());
            visited.add(page.toString());
            if (crawl) {
                for (URI link : links(page)) {
                    if (queued.add(link.toString())) {
                        queue.addLast(link);
                    }
                }
            }
        }
        return List.copyOf(visited);
    }

    public Seen.Pass result(String name, String visitor) {
        return new Seen.Pass(name, visitor, List.copyOf(visited), List.copyOf(cookies.values()), List.copyOf(hosts.values()),
                List.copyOf(storage.values()));
    }

    private void record(String page) {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString("");
            String url = method.equals("Network.requestWillBeSent") ? message.path("params").path("request").path("url").asString("")
                    : method.equals("Network.webSocketCreated") ? message.path("params").path("url").asString("") : "";
            String host = host(url);
            if (host != null && !firstParty.test(host)) {
                hosts.putIfAbsent(host, new Seen.Host(host, url.length() > 200 ? url.substring(0, 200) : url, page));
            }
        }
        Instant now = Instant.now();
        for (JsonNode cookie : allCookies()) {
            String name = cookie.path("name").asString();
            String domain = cookie.path("domain").asString();
            String key = name + "@" + domain + cookie.path("path").asString("/");
            if (cookies.containsKey(key)) {
                continue;
            }
            boolean session = cookie.path("session").asBoolean(false) || cookie.path("expires").asDouble(-1) <= 0;
            Instant expires = session ? null : Instant.ofEpochMilli((long) (cookie.path("expires").asDouble() * 1000));
            String bare = domain.startsWith(".") ? domain.substring(1) : domain;
            cookies.put(key, new Seen.Cookie(name, domain, cookie.path("path").asString("/"),
                    expires == null ? null : expires.toString(), expires == null ? -1 : Duration.between(now, expires).toSeconds(),
                    cookie.path("size").asInt(name.length() + cookie.path("value").asString("").length()),
                    cookie.path("httpOnly").asBoolean(false), !firstParty.test(bare), page));
        }
        Object found = ((JavascriptExecutor) driver).executeScript(
                "try { return [location.origin].concat(Object.keys(localStorage)); } catch (e) { return [location.origin]; }");
        if (found instanceof List<?> list && !list.isEmpty()) {
            String origin = String.valueOf(list.get(0));
            for (Object item : list.subList(1, list.size())) {
                String key = String.valueOf(item);
                if (ownStorageKeys.stream().noneMatch(key::startsWith)) {
                    storage.putIfAbsent(origin + " " + key, new Seen.StorageKey(origin, key, page));
                }
            }
        }
    }

    private List<JsonNode> allCookies() {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        JsonNode tree = JSON.valueToTree(answer.get("cookies"));
        List<JsonNode> list = new ArrayList<>();
        tree.forEach(list::add);
        return list;
    }

    /** Waits until the page has loaded and its resource requests have stopped growing for half a second. */
    private void awaitQuiet() {
        long[] last = {-1, 0};
        try {
            new WebDriverWait(driver, QUIET_TIMEOUT, Duration.ofMillis(250)).until(d -> {
                Object state = ((JavascriptExecutor) d).executeScript(
                        "return document.readyState == 'complete' ? performance.getEntriesByType('resource').length : -1");
                long count = state instanceof Number n ? n.longValue() : -1;
                if (count < 0 || count != last[0]) {
                    last[0] = count;
                    last[1] = 0;
                    return false;
                }
                return ++last[1] >= 2;
            });
        } catch (TimeoutException e) {
            LOG.info("{} kept loading for {} s; recorded what it had loaded", driver.getCurrentUrl(), QUIET_TIMEOUT.toSeconds());
        }
    }

    private List<URI> links(URI page) {
        Object found = ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)");
        List<URI> links = new ArrayList<>();
        if (found instanceof List<?> list) {
            for (Object item : list) {
                try {
                    URI link = withoutFragment(URI.create(String.valueOf(item)));
                    if (sameOrigin(link, page)) {
                        links.add(link);
                    }
                } catch (IllegalArgumentException e) {
                    // not a URL a browser would follow
                }
            }
        }
        return links;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), uri.getQuery(), null);
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    static @Nullable String host(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("ws://")
                && !lower.startsWith("wss://")) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
