package dev.consent4j.agreement;

import dev.consent4j.event.Action;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
import dev.consent4j.state.Signals;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated policy (in several versions), a history of what shoppers and the shop did, and the
 * signals and moment at which every surface is then asked. Built from a {@link Random} that jqwik
 * seeds, so a failing case is reproduced by its seed.
 *
 * @param policies the policy's versions in order; the last is the one in force when asked
 * @param steps    what happened, in order
 * @param signals  the signals the final question is asked under
 * @param daysLater how long after the last step the question is asked
 */
record Scenario(List<Policy> policies, List<Step> steps, Signals signals, int daysLater) {

    static final int CUSTOMERS = 2;
    static final int VISITORS = 2;
    static final List<String> JURISDICTIONS = List.of("JP", "FR", "US-CA", "US-TX", "ZZ", "GB", "CH");

    /** One thing that happened. */
    sealed interface Step permits Choose, Link, Gpc, Correct, Upgrade, Wait {
    }

    /** A subject chose (visitors never per channel); {@code guardian} when a guardian acted for them. */
    /** Choices made on a screen; {@code memberTerms} (customers only): by accepting member terms at sign-up. */
    record Choose(boolean customer, int subject, Map<Topic, Action> choices, String jurisdiction, boolean guardian,
            boolean memberTerms) implements Step {
    }

    /** A visitor signed in as a customer. */
    record Link(int visitor, int customer, String jurisdiction) implements Step {
    }

    /** A request with {@code Sec-GPC: 1} from a subject. */
    record Gpc(boolean customer, int subject, String jurisdiction) implements Step {
    }

    /** An operator corrects the {@code nth} (modulo) event of a customer's chain to {@code action}. */
    record Correct(int subject, int nth, Action action) implements Step {
    }

    /** The shop publishes the next policy version. */
    record Upgrade() implements Step {
    }

    /** Time passes. */
    record Wait(int days, int seconds) implements Step {
    }

    Policy current() {
        return policies.get(policies.size() - 1);
    }

    @Override
    public String toString() {
        Policy policy = current();
        StringBuilder text = new StringBuilder("Scenario[");
        for (Purpose purpose : policy.purposes()) {
            text.append("\n  purpose ").append(purpose.id()).append(' ').append(purpose.basis()).append(" channels=")
                    .append(purpose.channels()).append(" gpc=").append(purpose.coveredByGpc()).append(" through=")
                    .append(purpose.cookieCategories()).append(" channelBases=").append(purpose.channelBases())
                    .append(" validity=").append(purpose.validity());
        }
        for (CookieCategory category : policy.cookieCategories()) {
            text.append("\n  category ").append(category.id()).append(' ').append(category.basis()).append(' ')
                    .append(category.consentModeTypes());
        }
        text.append("\n  history ").append(policy.history()).append("\n  minors ").append(policy.minorRules());
        for (Step step : steps) {
            text.append("\n  ").append(step);
        }
        return text.append("\n  asked under ").append(signals).append(", ").append(daysLater).append(" days later]").toString();
    }

    static Scenario generate(Random random) {
        List<Policy> policies = policies(random);
        Policy last = policies.get(policies.size() - 1);
        List<Topic> banner = new ArrayList<>();
        List<Topic> all = new ArrayList<>();
        for (Purpose purpose : last.purposes()) {
            banner.add(Topic.purpose(purpose.id()));
            all.add(Topic.purpose(purpose.id()));
            for (String channel : purpose.channels()) {
                all.add(Topic.contact(purpose.id(), channel));
            }
        }
        for (CookieCategory category : last.cookieCategories()) {
            banner.add(Topic.category(category.id()));
            all.add(Topic.category(category.id()));
        }
        List<Step> steps = new ArrayList<>();
        int versions = 1;
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(100);
            String where = JURISDICTIONS.get(random.nextInt(JURISDICTIONS.size()));
            if (kind < 55) {
                boolean customer = random.nextBoolean();
                List<Topic> topics = customer ? all : banner;
                Map<Topic, Action> choices = new java.util.LinkedHashMap<>();
                int count = 1 + random.nextInt(3);
                for (int c = 0; c < count; c++) {
                    choices.put(topics.get(random.nextInt(topics.size())), action(random));
                }
                steps.add(new Choose(customer, random.nextInt(customer ? CUSTOMERS : VISITORS), choices, where,
                        random.nextInt(6) == 0, customer && random.nextInt(5) == 0));
            } else if (kind < 63) {
                steps.add(new Link(random.nextInt(VISITORS), random.nextInt(CUSTOMERS), where));
            } else if (kind < 70) {
                boolean customer = random.nextBoolean();
                steps.add(new Gpc(customer, random.nextInt(customer ? CUSTOMERS : VISITORS), where));
            } else if (kind < 76) {
                steps.add(new Correct(random.nextInt(CUSTOMERS), random.nextInt(8), action(random)));
            } else if (kind < 82 && versions < policies.size()) {
                steps.add(new Upgrade());
                versions++;
            } else {
                steps.add(new Wait(random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(3), random.nextInt(86_400)));
            }
        }
        // Later versions that were never published stay out of the scenario.
        List<Policy> published = policies.subList(0, versions);
        Integer age = switch (random.nextInt(5)) {
            case 0 -> 12;
            case 1 -> 15;
            case 2 -> 30;
            default -> null;
        };
        Signals signals = new Signals(Jurisdiction.of(JURISDICTIONS.get(random.nextInt(JURISDICTIONS.size()))),
                random.nextBoolean(), age);
        return new Scenario(List.copyOf(published), List.copyOf(steps), signals,
                random.nextInt(3) == 0 ? random.nextInt(500) : random.nextInt(5));
    }

    private static Action action(Random random) {
        return List.of(Action.GRANT, Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT).get(random.nextInt(5));
    }

    /** One policy in up to three versions; each version's history says which topics it changed. */
    private static List<Policy> policies(Random random) {
        int categoryCount = 1 + random.nextInt(4);
        List<CookieCategory> categories = new ArrayList<>();
        List<String> types = CookieCategory.CONSENT_MODE_TYPES;
        for (int i = 0; i < categoryCount; i++) {
            BasisRule basis = i == 0 ? BasisRule.of(Basis.NECESSARY) : basis(random, false);
            List<String> modes = new ArrayList<>();
            for (String type : types) {
                if (random.nextInt(4) == 0) {
                    modes.add(type);
                }
            }
            categories.add(new CookieCategory("c" + i, text("Category " + i), null, basis,
                    List.of(new CookieDeclaration("cookie" + i + "_*", List.of(), "/", CookieDeclaration.SetBy.SERVER,
                            CookieDeclaration.Storage.COOKIE, text("why"))),
                    modes));
        }
        int purposeCount = 1 + random.nextInt(5);
        List<Purpose> purposes = new ArrayList<>();
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < purposeCount; i++) {
            BasisRule basis = random.nextInt(8) == 0 ? BasisRule.of(Basis.NOTICE) : basis(random, true);
            boolean notice = basis.byDefault() == Basis.NOTICE;
            List<String> channels = new ArrayList<>();
            Map<String, BasisRule> channelBases = new java.util.HashMap<>();
            if (!notice && random.nextInt(3) == 0) {
                channels.add("post");
                if (random.nextBoolean()) {
                    channels.add("email");
                }
                // A basis per channel, where the purpose offers a choice at all.
                if (basis.byDefault().choosable() && random.nextBoolean()) {
                    channelBases.put(channels.get(channels.size() - 1), random.nextBoolean() ? BasisRule.of(Basis.OPT_IN)
                            : new BasisRule(Basis.OPT_OUT, Map.of("EU", Basis.OPT_IN)));
                }
            }
            ValidityRule validity = null;
            if (random.nextInt(3) == 0) {
                Validity own = new Validity(Period.ofMonths(1 + random.nextInt(12)),
                        random.nextBoolean() ? null : Period.ofMonths(1 + random.nextInt(6)),
                        random.nextBoolean() ? null : Period.ofMonths(1 + random.nextInt(24)));
                validity = random.nextBoolean() ? ValidityRule.of(own)
                        : new ValidityRule(own, Map.of("FR", new Validity(own.grants(), Period.ofMonths(1 + random.nextInt(6)), null)));
            }
            List<String> through = new ArrayList<>();
            if (!basis.alwaysNecessary()) {
                for (int c = 1; c < categoryCount; c++) {
                    if (random.nextInt(3) == 0) {
                        through.add("c" + c);
                    }
                }
            }
            String recipient = "r" + i;
            purposes.add(Purpose.builder("p" + i).title(text("Purpose " + i)).basis(basis).channels(channels)
                    .channelBases(channelBases).validity(validity)
                    .saleOrSharing(!notice && random.nextInt(4) == 0).targetedAdvertising(!notice && random.nextInt(4) == 0)
                    .cookieCategories(through).recipients(List.of(recipient)).build());
            recipients.add(new Recipient(recipient, text("Recipient " + i), Relation.THIRD_PARTY, "JP", List.of(), List.of(),
                    List.of("p" + i), null, false, null, null, null));
        }
        List<String> topicIds = new ArrayList<>();
        purposes.forEach(p -> topicIds.add(p.id()));
        categories.forEach(c -> topicIds.add(c.id()));
        List<MinorRule> minors = new ArrayList<>();
        if (random.nextBoolean()) {
            minors.add(new MinorRule("JP", 16, List.of(topicIds.get(random.nextInt(topicIds.size())))));
        }
        if (random.nextBoolean()) {
            minors.add(new MinorRule("US", 13, random.nextBoolean() ? 16 : 0, List.of(topicIds.get(random.nextInt(topicIds.size())))));
        }
        Period validity = Period.ofMonths(1 + random.nextInt(12));
        int versionCount = 1 + random.nextInt(3);
        List<Revision> history = new ArrayList<>();
        List<Policy> versions = new ArrayList<>();
        for (int v = 1; v <= versionCount; v++) {
            List<String> changed = new ArrayList<>();
            for (String id : topicIds) {
                if (v > 1 && random.nextInt(3) == 0) {
                    changed.add(id);
                }
            }
            history.add(new Revision("v" + v, LocalDate.of(2026, 1, v), changed));
            Policy.Builder builder = Policy.builder("generated", "v" + v).languages(List.of("en"))
                    .operator(new Party(text("Shop"), text("Tokyo"), text("Rep"), text("privacy@shop.test")))
                    .consentValidity(validity);
            purposes.forEach(builder::purpose);
            categories.forEach(builder::cookieCategory);
            recipients.forEach(builder::recipient);
            history.forEach(builder::revision);
            minors.forEach(builder::minorRule);
            versions.add(builder.build());
        }
        return versions;
    }

    private static BasisRule basis(Random random, boolean mayBeNecessary) {
        Basis byDefault = List.of(Basis.OPT_IN, Basis.OPT_OUT, Basis.NECESSARY).get(random.nextInt(mayBeNecessary ? 3 : 2));
        Map<String, Basis> overrides = new java.util.HashMap<>();
        if (random.nextBoolean()) {
            overrides.put("EU", Basis.OPT_IN);
        }
        if (random.nextInt(4) == 0) {
            overrides.put("US", Basis.OPT_OUT);
        }
        if (random.nextInt(4) == 0) {
            overrides.put("UK", Basis.OPT_IN);
        }
        return new BasisRule(byDefault, overrides);
    }

    private static LocalizedText text(String english) {
        return LocalizedText.of("en", english);
    }
}
