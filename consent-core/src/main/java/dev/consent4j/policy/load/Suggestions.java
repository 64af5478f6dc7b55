package dev.consent4j.policy.load;

import dev.consent4j.internal.match.Closest;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** "Did you mean…" for misspelt keys and ids in a policy file; see {@link Closest}. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate within edit distance 2 of {@code word} (closest first), or {@code null}. */
    static @Nullable String closest(String word, Collection<String> candidates) {
        return Closest.among(word, candidates);
    }

    /** {@code "; did you mean 'x'?"} for the closest candidate, or {@code ""} when none is close. */
    static String didYouMean(String word, Collection<String> candidates) {
        String suggestion = closest(word, candidates);
        return suggestion == null ? "" : "; did you mean '" + suggestion + "'?";
    }

    /** {@code unknown kind 'id'}, with a suggestion when one of {@code known} is close. */
    static String unknown(String id, Collection<String> known, String kind) {
        return "unknown " + kind + " '" + id + "'" + didYouMean(id, known);
    }
}
