package dev.consent4j.internal.match;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean …?" for an id or key that is not declared: the declared one within two edits of
 * it. The policy loader uses it for keys and references, the decision API for the ids shop code
 * asks about.
 */
public final class Closest {

    private Closest() {
    }

    /** The candidate within edit distance 2 of {@code word} (closest first, then first given), or {@code null}. */
    public static @Nullable String among(@Nullable String word, Collection<String> candidates) {
        if (word == null) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    /** {@code "; did you mean 'x'?"} for the closest candidate, or {@code ""} when none is close. */
    public static String hint(@Nullable String word, Collection<String> candidates) {
        String best = among(word, candidates);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
