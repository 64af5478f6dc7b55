package dev.consent4j.internal.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps names (cookie names, storage keys) to values through exact names and globs, compiled once.
 *
 * <p>Exact names cost one hash lookup. Globs of the common shape {@code prefix*} are grouped by
 * prefix length, so a lookup costs one hash lookup per distinct prefix length rather than one
 * match per pattern. Other globs ({@code *_id}, {@code a?c}) are tried last, in declaration order.
 * When several patterns match, an exact name wins, then the longest prefix, then the first
 * declared general glob.
 *
 * @param <V> what a name maps to, e.g. a cookie category
 */
public final class NameMatcher<V> {

    private final Map<String, V> exact;
    private final int[] prefixLengths;
    private final Map<String, V> byPrefix;
    private final List<Pattern> generalPatterns;
    private final List<V> generalValues;

    private NameMatcher(Builder<V> builder) {
        this.exact = Map.copyOf(builder.exact);
        this.byPrefix = Map.copyOf(builder.byPrefix);
        this.prefixLengths = builder.byPrefix.keySet().stream()
                .mapToInt(String::length).distinct().sorted().toArray();
        // Longest prefix first, so the most specific pattern wins.
        for (int i = 0, j = prefixLengths.length - 1; i < j; i++, j--) {
            int t = prefixLengths[i];
            prefixLengths[i] = prefixLengths[j];
            prefixLengths[j] = t;
        }
        this.generalPatterns = List.copyOf(builder.generalPatterns);
        this.generalValues = List.copyOf(builder.generalValues);
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    /** The value for {@code name}, or {@code null} when nothing matches. */
    public @Nullable V match(String name) {
        V value = exact.get(name);
        if (value != null) {
            return value;
        }
        int length = name.length();
        for (int prefixLength : prefixLengths) {
            if (prefixLength <= length) {
                value = byPrefix.get(name.substring(0, prefixLength));
                if (value != null) {
                    return value;
                }
            }
        }
        for (int i = 0; i < generalPatterns.size(); i++) {
            if (generalPatterns.get(i).matcher(name).matches()) {
                return generalValues.get(i);
            }
        }
        return null;
    }

    /** Whether {@code glob} is a pattern this matcher accepts: not blank, and no whitespace. */
    public static boolean isValidGlob(String glob) {
        if (glob == null || glob.isEmpty()) {
            return false;
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c <= ' ' || c == 0x7f || c == ';' || c == ',' || c == '=' || c == '"') {
                return false;
            }
        }
        return !glob.chars().allMatch(c -> c == '*' || c == '?') || glob.equals("*");
    }

    /** Collects names and globs; the first value declared for a given name or glob is kept. */
    public static final class Builder<V> {
        private final Map<String, V> exact = new HashMap<>();
        private final Map<String, V> byPrefix = new HashMap<>();
        private final List<Pattern> generalPatterns = new ArrayList<>();
        private final List<V> generalValues = new ArrayList<>();

        private Builder() {
        }

        public Builder<V> add(String nameOrGlob, V value) {
            int star = nameOrGlob.indexOf('*');
            int question = nameOrGlob.indexOf('?');
            if (star < 0 && question < 0) {
                exact.putIfAbsent(nameOrGlob, value);
            } else if (question < 0 && star == nameOrGlob.length() - 1) {
                byPrefix.putIfAbsent(nameOrGlob.substring(0, star), value);
            } else {
                generalPatterns.add(toRegex(nameOrGlob));
                generalValues.add(value);
            }
            return this;
        }

        public NameMatcher<V> build() {
            return new NameMatcher<>(this);
        }

        private static Pattern toRegex(String glob) {
            StringBuilder regex = new StringBuilder(glob.length() + 8);
            StringBuilder literal = new StringBuilder();
            for (char c : glob.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
