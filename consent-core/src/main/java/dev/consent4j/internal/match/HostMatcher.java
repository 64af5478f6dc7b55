package dev.consent4j.internal.match;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps host names to values through exact hosts and {@code *.example.com} wildcards, compiled
 * once. A lookup costs one hash lookup per label of the host: {@code a.b.example.com} checks
 * itself, then wildcards for {@code b.example.com}, {@code example.com} and {@code com}; the most
 * specific match wins. A wildcard {@code *.example.com} matches subdomains only, not
 * {@code example.com} itself. Matching ignores case.
 *
 * @param <V> what a host maps to, e.g. a tracker
 */
public final class HostMatcher<V> {

    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Map<String, V> exact;
    private final Map<String, V> wildcardSuffixes;

    private HostMatcher(Map<String, V> exact, Map<String, V> wildcardSuffixes) {
        this.exact = Map.copyOf(exact);
        this.wildcardSuffixes = Map.copyOf(wildcardSuffixes);
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    /** Whether {@code host} is a host name or a {@code *.}-wildcard this matcher accepts. */
    public static boolean isValidHost(@Nullable String host) {
        return host != null && host.length() <= 253 && HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    /** The value for {@code host}, or {@code null} when nothing matches. */
    public @Nullable V match(@Nullable String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String normalized = lowerCase(host);
        V value = exact.get(normalized);
        if (value != null || wildcardSuffixes.isEmpty()) {
            return value;
        }
        int dot = normalized.indexOf('.');
        while (dot >= 0) {
            value = wildcardSuffixes.get(normalized.substring(dot + 1));
            if (value != null) {
                return value;
            }
            dot = normalized.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String lowerCase(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return host.toLowerCase(Locale.ROOT);
            }
        }
        return host;
    }

    /** Collects hosts and wildcards; the first value declared for a given host is kept. */
    public static final class Builder<V> {
        private final Map<String, V> exact = new HashMap<>();
        private final Map<String, V> wildcardSuffixes = new HashMap<>();

        private Builder() {
        }

        public Builder<V> add(String hostOrWildcard, V value) {
            String host = hostOrWildcard.toLowerCase(Locale.ROOT);
            if (host.startsWith("*.")) {
                wildcardSuffixes.putIfAbsent(host.substring(2), value);
            } else {
                exact.putIfAbsent(host, value);
            }
            return this;
        }

        public HostMatcher<V> build() {
            return new HostMatcher<>(exact, wildcardSuffixes);
        }
    }
}
