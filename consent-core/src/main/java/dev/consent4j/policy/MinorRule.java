package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** Whether this rule applies in {@code jurisdiction} to {@code topicId}, before precedence; see {@link #applying}. */
    public boolean covers(Jurisdiction where, String topicId) {
        return (jurisdiction.equals("*") || where.isWithin(jurisdiction)) && covers(topicId);
    }

    /** Whether the rule covers {@code topicId} wherever it applies: it names it, or names nothing. */
    public boolean covers(String topicId) {
        return purposes.isEmpty() || purposes.contains(topicId);
    }

    /**
     * The one rule of {@code rules} that applies to {@code topicId} in {@code where}, the way bases are
     * looked up: the rule of the most specific code in {@link Jurisdiction#lookupChain()} that has a rule
     * covering the topic, and {@code *} last. So an {@code FR} rule at 15 lowers an {@code EU} rule at 16
     * in France. At one code, a rule that names the topic comes before one that covers every topic.
     */
    public static Optional<MinorRule> applying(List<MinorRule> rules, Jurisdiction where, String topicId) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        for (String code : where.lookupChain()) {
            Optional<MinorRule> rule = at(rules, code, topicId);
            if (rule.isPresent()) {
                return rule;
            }
        }
        return at(rules, "*", topicId);
    }

    private static Optional<MinorRule> at(List<MinorRule> rules, String code, String topicId) {
        MinorRule everyTopic = null;
        for (MinorRule rule : rules) {
            if (rule.jurisdiction.equals(code)) {
                if (rule.purposes.contains(topicId)) {
                    return Optional.of(rule);
                }
                if (rule.purposes.isEmpty() && everyTopic == null) {
                    everyTopic = rule;
                }
            }
        }
        return Optional.ofNullable(everyTopic);
    }
}
