package dev.consent4j.test.check;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The hosts a response lets the browser load from: those its Content-Security-Policy opens in a
 * fetch directive, and those its HTML loads through active tags. A {@code <script
 * type="text/plain">} is inert (the banner activates it only with consent), so it is not counted.
 */
public final class PageSources {

    /** Directives that govern what a page may fetch; the others (navigation, framing by others, reports) load nothing. */
    private static final Set<String> FETCH_DIRECTIVES = Set.of("default-src", "script-src", "script-src-elem",
            "script-src-attr", "connect-src", "img-src", "frame-src", "child-src", "style-src", "style-src-elem",
            "font-src", "media-src", "object-src", "worker-src", "manifest-src", "prefetch-src");

    private static final Pattern TAG = Pattern.compile(
            "<(script|img|iframe|frame|embed|source|audio|video|link)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([a-zA-Z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))");

    private PageSources() {
    }

    /** A host opened or loaded, and how, e.g. {@code script-src} or {@code <script src>}. */
    public record Source(String host, String how) {
    }

    /**
     * Every host a CSP header value opens in a fetch directive; {@code *} for a bare wildcard
     * source. Scheme-only sources ({@code https:}) are given as {@code *} too: they open every host.
     */
    public static List<Source> csp(@Nullable String header) {
        List<Source> sources = new ArrayList<>();
        if (header == null) {
            return sources;
        }
        for (String policy : header.split(",")) {
            for (String directive : policy.split(";")) {
                String[] tokens = directive.trim().split("\\s+");
                if (tokens.length < 2 || !FETCH_DIRECTIVES.contains(tokens[0].toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (int i = 1; i < tokens.length; i++) {
                    String host = cspHost(tokens[i]);
                    if (host != null) {
                        sources.add(new Source(host, tokens[0].toLowerCase(Locale.ROOT)));
                    }
                }
            }
        }
        return sources;
    }

    private static @Nullable String cspHost(String token) {
        if (token.startsWith("'")) {
            return null; // 'self', 'none', nonces, hashes, 'strict-dynamic'…
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("*") || lower.matches("(https?|wss?):")) {
            return "*";
        }
        if (lower.matches("[a-z][a-z0-9+.-]*:") ) {
            return null; // data:, blob:, mediastream:
        }
        String rest = lower.contains("://") ? lower.substring(lower.indexOf("://") + 3) : lower;
        int end = rest.length();
        for (char stop : new char[] {'/', ':', '?', '#'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String host = rest.substring(0, end);
        return host.isEmpty() ? null : host;
    }

    /** Hosts of absolute URLs the HTML loads through active tags, each once, in document order. */
    public static List<Source> html(String body, URI base) {
        Set<Source> sources = new LinkedHashSet<>();
        if (body == null) {
            return List.of();
        }
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(Locale.ROOT);
            String type = null;
            String url = null;
            String rel = null;
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                String key = attribute.group(1).toLowerCase(Locale.ROOT);
                String value = attribute.group(3) != null ? attribute.group(3)
                        : attribute.group(4) != null ? attribute.group(4) : attribute.group(5);
                switch (key) {
                    case "type" -> type = value.trim().toLowerCase(Locale.ROOT);
                    case "src" -> url = name.equals("link") ? url : value;
                    case "href" -> url = name.equals("link") ? value : url;
                    case "rel" -> rel = value.toLowerCase(Locale.ROOT);
                    default -> { }
                }
            }
            if (url == null || name.equals("script") && type != null && !type.isEmpty() && !type.contains("javascript")
                    && !type.equals("module")) {
                continue;
            }
            if (name.equals("link") && (rel == null || !rel.matches(".*\\b(stylesheet|preload|prefetch|modulepreload|icon)\\b.*"))) {
                continue;
            }
            String host = urlHost(url.trim(), base);
            if (host != null) {
                sources.add(new Source(host, "<" + name + ">"));
            }
        }
        return List.copyOf(sources);
    }

    private static @Nullable String urlHost(String url, @Nullable URI base) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("//")) {
            return null; // relative: the page's own host
        }
        try {
            URI uri = lower.startsWith("//") ? URI.create((base == null ? "https" : base.getScheme()) + ":" + url) : URI.create(url);
            return uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
