package dev.consent4j.test.scan;

import org.jspecify.annotations.Nullable;

/** What a scan pass saw in the browser; the records of the JSON report. */
public final class Seen {

    private Seen() {
    }

    /**
     * A cookie in the browser's jar after a page loaded.
     *
     * @param expires        ISO-8601 instant, or {@code null} for a session cookie
     * @param lifetimeSeconds from when it was seen to its expiry, or -1 for a session cookie
     * @param size           name plus value, in characters, as DevTools counts it
     */
    public record Cookie(String name, String domain, String path, @Nullable String expires, long lifetimeSeconds,
            int size, boolean httpOnly, boolean thirdParty, String firstSeenOn) {
    }

    /** A host the browser sent a request to that is not the shop's own. */
    public record Host(String host, String firstUrl, String firstSeenOn) {
    }

    /** A localStorage key of the page's origin. */
    public record StorageKey(String origin, String key, String firstSeenOn) {
    }

    /** A pass through the pages as one kind of visitor. */
    public record Pass(String name, String visitor, java.util.List<String> pages, java.util.List<Cookie> cookies,
            java.util.List<Host> hosts, java.util.List<StorageKey> storageKeys) {
    }

    /** A broken promise, with the pass and page where it was first seen. */
    public record Violation(String pass, String page, dev.consent4j.test.Finding.Kind kind, String item,
            @Nullable String category, String message, @Nullable String suggestion) {
    }
}
