package dev.consent4j.policy.load;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one entry of {@code minors}: {@code {jurisdiction: US, guardian-below-age: 13,
 * opt-in-below-age: 16, purposes: [data-sale]}}.
 */
final class MinorRuleReader {

    static final Set<String> KEYS = Set.of("jurisdiction", "guardian-below-age", "opt-in-below-age", "purposes");

    private final Problems problems;
    private final List<Read> read = new ArrayList<>();

    /** A rule as read, with where it stands in the file. */
    private record Read(MinorRule rule, Fields fields) {
    }

    MinorRuleReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Checks the rules read so far against each other. Only one rule applies to a topic in a place
     * ({@link MinorRule#applying}), so two rules of one jurisdiction that cover the same topic the same
     * way are an error, and a rule for every topic that takes a topic away from a wider jurisdiction's
     * rule naming it, at a lower guardian age, is a warning.
     */
    void checkPrecedence() {
        for (int i = 0; i < read.size(); i++) {
            MinorRule later = read.get(i).rule();
            Fields f = read.get(i).fields();
            for (int j = 0; j < i; j++) {
                MinorRule earlier = read.get(j).rule();
                if (!earlier.jurisdiction().equals(later.jurisdiction())) {
                    continue;
                }
                if (earlier.purposes().isEmpty() && later.purposes().isEmpty()) {
                    problems.error(LegalRule.MINORS_GUARDIAN, f.path("jurisdiction"), f.at("jurisdiction"), "a second rule for "
                            + later.jurisdiction() + " covering every topic (the first is " + read.get(j).fields().path()
                            + "); only one can apply: merge them, or name the topics of one");
                }
                for (String topic : later.purposes()) {
                    if (earlier.purposes().contains(topic)) {
                        problems.error(LegalRule.MINORS_GUARDIAN, f.path("purposes"), f.at("purposes"), "'" + topic
                                + "' is named by two rules for " + later.jurisdiction() + " (the first is "
                                + read.get(j).fields().path() + "); only one can apply: keep it in one of them");
                    }
                }
            }
            for (Read other : read) {
                warnIfShadowed(read.get(i), other);
            }
        }
    }

    private void warnIfShadowed(Read specific, Read wider) {
        MinorRule rule = specific.rule();
        MinorRule widerRule = wider.rule();
        boolean narrower = !rule.jurisdiction().equals(widerRule.jurisdiction()) && !rule.jurisdiction().equals("*")
                && (widerRule.jurisdiction().equals("*") || Jurisdiction.of(rule.jurisdiction()).isWithin(widerRule.jurisdiction()));
        if (!narrower || !rule.purposes().isEmpty() || rule.guardianBelowAge() >= widerRule.guardianBelowAge()) {
            return;
        }
        for (String topic : widerRule.purposes()) {
            boolean namedHere = read.stream().anyMatch(r -> r.rule().jurisdiction().equals(rule.jurisdiction())
                    && r.rule().purposes().contains(topic));
            if (!namedHere) {
                problems.warning(LegalRule.MINORS_GUARDIAN, specific.fields().path(), specific.fields().node(), "in "
                        + rule.jurisdiction() + " this rule covers every topic, so it replaces " + wider.fields().path() + " ("
                        + widerRule.jurisdiction() + ", guardian below " + widerRule.guardianBelowAge() + ") for '" + topic
                        + "' with guardian below " + rule.guardianBelowAge() + "; if that is not meant, add a " + rule.jurisdiction()
                        + " rule naming '" + topic + "'");
            }
        }
    }

    /** The rule, or {@code null} after reporting; {@code purposes} is the list the reader resolved. */
    @Nullable MinorRule read(Fields f, List<String> purposes, Map<String, Purpose> purposeById, Map<String, CookieCategory> categoryById) {
        String jurisdiction = f.text("jurisdiction", true);
        if (jurisdiction != null && !jurisdiction.equals("*") && !Jurisdiction.isValidCode(jurisdiction)) {
            problems.error(f.path("jurisdiction"), f.at("jurisdiction"), "jurisdiction must be a code such as JP, EU, UK or US-CA, "
                    + "or *, but was '" + jurisdiction + "'");
            jurisdiction = null;
        }
        Integer guardianAge = age(f, "guardian-below-age", true);
        Integer optInAge = age(f, "opt-in-below-age", false);
        if (guardianAge != null && optInAge != null && optInAge < guardianAge) {
            problems.error(LegalRule.MINORS_OPT_IN, f.path("opt-in-below-age"), f.at("opt-in-below-age"), "opt-in-below-age (" + optInAge
                    + ") must not be below guardian-below-age (" + guardianAge + "): below the guardian age a guardian grants anyway");
            optInAge = null;
        }
        for (int i = 0; i < purposes.size(); i++) {
            String id = purposes.get(i);
            Purpose purpose = purposeById.get(id);
            CookieCategory category = categoryById.get(id);
            boolean necessary = purpose != null ? purpose.basis().alwaysNecessary()
                    : category != null && category.basis().alwaysNecessary();
            if (necessary) {
                problems.error(LegalRule.MINORS_GUARDIAN, PathNames.item(f.path("purposes"), i), f.at("purposes"), "'" + id + "' is necessary: no choice is "
                        + "asked, so no guardian's consent can be; remove it from this rule, or make it choosable");
            } else if (purpose != null && purpose.basis().byDefault() == Basis.NOTICE) {
                problems.warning(LegalRule.MINORS_GUARDIAN, PathNames.item(f.path("purposes"), i), f.at("purposes"), "'" + id + "' is notice-only: "
                        + "no choice is asked, so this rule never applies to it");
            }
        }
        if (optInAge != null && optInAge > 0) {
            boolean anyOptOut = purposes.stream().map(purposeById::get)
                    .anyMatch(p -> p != null && (p.basis().byDefault() == Basis.OPT_OUT || p.basis().overrides().containsValue(Basis.OPT_OUT)));
            if (!purposes.isEmpty() && !anyOptOut) {
                problems.warning(LegalRule.MINORS_OPT_IN, f.path("opt-in-below-age"), f.at("opt-in-below-age"), "none of the rule's purposes is opt-out "
                        + "anywhere, so opt-in-below-age changes nothing");
            }
        }
        if (jurisdiction == null || guardianAge == null) {
            return null;
        }
        MinorRule rule = new MinorRule(jurisdiction, guardianAge, optInAge == null ? 0 : optInAge, purposes);
        read.add(new Read(rule, f));
        return rule;
    }

    private @Nullable Integer age(Fields f, String key, boolean required) {
        String text = f.text(key, required);
        if (text == null) {
            return null;
        }
        try {
            int age = Integer.parseInt(text);
            if (age < 1 || age > 25) {
                throw new NumberFormatException();
            }
            return age;
        } catch (NumberFormatException e) {
            problems.error(f.path(key), f.at(key), key + " must be a whole number of years from 1 to 25, but was '" + text + "'");
            return null;
        }
    }
}
