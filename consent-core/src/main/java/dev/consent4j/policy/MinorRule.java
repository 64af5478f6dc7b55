package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * Below {@code guardianBelowAge}, a grant counts only when a guardian gives it.
 *
 * @param jurisdiction the jurisdiction code the rule applies in ({@code JP}, {@code US}, {@code EU}),
 *                     or {@code *} for everywhere
 * @param purposes     the purposes and categories the rule covers; empty means every topic that
 *                     is not necessary
 */
public record MinorRule(String jurisdiction, int guardianBelowAge, List<String> purposes) {

    public MinorRule {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (guardianBelowAge < 1 || guardianBelowAge > 25) {
            throw new IllegalArgumentException("guardianBelowAge must be between 1 and 25, but was " + guardianBelowAge);
        }
        purposes = List.copyOf(purposes);
    }

    /** Whether this rule applies in {@code jurisdiction} to {@code topicId}. */
    public boolean covers(Jurisdiction where, String topicId) {
        return (jurisdiction.equals("*") || where.isWithin(jurisdiction))
                && (purposes.isEmpty() || purposes.contains(topicId));
    }
}
