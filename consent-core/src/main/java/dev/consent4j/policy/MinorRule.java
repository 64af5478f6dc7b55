package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * Below {@code guardianBelowAge}, a grant counts only when a guardian gives it; below
 * {@code optInBelowAge} (0 for no such age), a topic that is opt-out for adults is opt-in, so the
 * minor (or, younger still, the guardian) must grant it — the US rule that 13 to 15-year-olds opt
 * in to the sale of their data themselves while a parent does it for a child under 13.
 *
 * @param jurisdiction the jurisdiction code the rule applies in ({@code JP}, {@code US}, {@code EU}),
 *                     or {@code *} for everywhere
 * @param purposes     the purposes and categories the rule covers; empty means every topic that
 *                     is not necessary
 */
public record MinorRule(String jurisdiction, int guardianBelowAge, int optInBelowAge, List<String> purposes) {

    public MinorRule {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (guardianBelowAge < 1 || guardianBelowAge > 25) {
            throw new IllegalArgumentException("guardianBelowAge must be between 1 and 25, but was " + guardianBelowAge);
        }
        if (optInBelowAge != 0 && (optInBelowAge < guardianBelowAge || optInBelowAge > 25)) {
            throw new IllegalArgumentException("optInBelowAge must be 0 or between guardianBelowAge (" + guardianBelowAge
                    + ") and 25, but was " + optInBelowAge);
        }
        purposes = List.copyOf(purposes);
    }

    /** A rule with no opt-in age: only the guardian's grant. */
    public MinorRule(String jurisdiction, int guardianBelowAge, List<String> purposes) {
        this(jurisdiction, guardianBelowAge, 0, purposes);
    }

    /** Whether this rule applies in {@code jurisdiction} to {@code topicId}. */
    public boolean covers(Jurisdiction where, String topicId) {
        return (jurisdiction.equals("*") || where.isWithin(jurisdiction))
                && (purposes.isEmpty() || purposes.contains(topicId));
    }
}
