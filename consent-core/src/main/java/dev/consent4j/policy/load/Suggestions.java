package dev.consent4j.policy.load;

import dev.consent4j.policy.match.Closest;
import java.util.Collection;

/** "Did you mean…" for misspelt keys and ids in a policy file; see {@link Closest}. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate within edit distance 2 of {@code word} (closest first), or {@code null}. */
    static String closest(String word, Collection<String> candidates) {
        return Closest.among(word, candidates);
    }
}
