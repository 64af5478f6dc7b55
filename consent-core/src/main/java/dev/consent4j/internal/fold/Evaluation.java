package dev.consent4j.internal.fold;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One evaluation of {@link StateFolder}'s decisions under fixed choices, signals and time: the rules
 * for one topic on its own, and the links between purposes and cookie categories. It remembers
 * each topic's own decision, so a topic that several others depend on is decided once.
 */
final class Evaluation {
    private final Policy policy;
    private final Expiry expiry;
    private final Function<Topic, Choice> choices;
    private final Signals signals;
    private final Instant now;
    private final boolean gpc;
    private final boolean storeUnavailable;
    private final Map<Topic, Decision> own = new HashMap<>();

    Evaluation(Policy policy, ConsentSettings settings, Expiry expiry, Function<Topic, Choice> choices, Signals signals,
            Instant now, boolean storeUnavailable) {
        this.policy = policy;
        this.expiry = expiry;
        this.choices = choices;
        this.signals = signals;
        this.now = now;
        this.gpc = signals.gpc() && settings.honoursGpc(signals.jurisdiction());
        this.storeUnavailable = storeUnavailable;
    }

    Decision decide(Topic topic) {
        Decision decision = own(topic);
        if (topic.kind() == Topic.Kind.CATEGORY) {
            return decision.reason() == Reason.NECESSARY || decision.reason() == Reason.DENIED
                    || decision.reason() == Reason.WITHDRAWN || decision.reason() == Reason.OBJECTED
                    ? decision : optedOutThrough(topic, decision);
        }
        if (!decision.allowed() || decision.reason() == Reason.NECESSARY) {
            return decision;
        }
        for (String categoryId : policy.purpose(topic.id()).orElseThrow().cookieCategories()) {
            Decision category = decide(Topic.category(categoryId));
            if (!category.allowed()) {
                return new Decision(topic, false, Reason.CATEGORY_NOT_ALLOWED, category.since(),
                        category.policyVersion(), category.event());
            }
        }
        return decision;
    }

    /** A category stays refused while a sale, sharing or targeted-ads purpose carried out through it is opted out of. */
    private Decision optedOutThrough(Topic category, Decision decision) {
        for (Purpose purpose : policy.purposesThrough(category.id())) {
            if (!purpose.coveredByGpc()) {
                continue;
            }
            Decision optOut = own(Topic.purpose(purpose.id()));
            if (optOut.reason() == Reason.GPC_SIGNAL || optOut.reason() == Reason.OBJECTED) {
                return new Decision(category, false, optOut.reason(), optOut.since(), optOut.policyVersion(),
                        optOut.event());
            }
        }
        return decision;
    }

    /** The decision a topic's own choice, basis and signals give, before purposes and categories are linked. */
    private Decision own(Topic topic) {
        Decision known = own.get(topic);
        if (known == null) {
            known = ownUncached(topic);
            own.put(topic, known);
        }
        return known;
    }

    private Decision ownUncached(Topic topic) {
        if (topic.kind() == Topic.Kind.CATEGORY) {
            Basis basis = policy.cookieCategory(topic.id()).orElseThrow().basis().in(signals.jurisdiction());
            return decideOne(topic, basis, choices.apply(topic), false);
        }
        Purpose purpose = policy.purpose(topic.id()).orElseThrow();
        Choice choice = choices.apply(Topic.purpose(purpose.id()));
        if (topic.channel() != null) {
            Choice channelChoice = choices.apply(topic);
            choice = choice == null ? channelChoice : channelChoice == null ? choice : later(choice, channelChoice);
        }
        Basis basis = purpose.basisOn(topic.channel()).in(signals.jurisdiction());
        if (basis == Basis.OPT_OUT && optInForMinor(topic)) {
            basis = Basis.OPT_IN;
        }
        return decideOne(topic, basis, choice, gpc && purpose.coveredByGpc());
    }

    private Decision decideOne(Topic topic, Basis basis, Choice choice, boolean gpcRefuses) {
        if (basis == Basis.NECESSARY) {
            return Decision.byDefault(topic, true, Reason.NECESSARY);
        }
        if (gpcRefuses) {
            return choice == null ? Decision.byDefault(topic, false, Reason.GPC_SIGNAL)
                    : made(topic, false, Reason.GPC_SIGNAL, choice);
        }
        if (basis == Basis.NOTICE) {
            return notice(topic, choice);
        }
        boolean guardianNeeded = guardianNeeded(topic);
        if (choice == null) {
            if (guardianNeeded) {
                return Decision.byDefault(topic, false, Reason.MINOR_WITHOUT_GUARDIAN);
            }
            if (storeUnavailable) {
                return Decision.byDefault(topic, false, Reason.STORE_UNAVAILABLE);
            }
            return basis == Basis.OPT_OUT ? Decision.byDefault(topic, true, Reason.DEFAULT_OPT_OUT)
                    : Decision.byDefault(topic, false, Reason.NO_CONSENT);
        }
        switch (choice.action()) {
            case DENY:
                return made(topic, false, refusalLapsed(basis, choice) ? Reason.EXPIRED : Reason.DENIED, choice);
            case WITHDRAW:
                return made(topic, false, refusalLapsed(basis, choice) ? Reason.EXPIRED : Reason.WITHDRAWN, choice);
            case OBJECT:
                return made(topic, false, Reason.OBJECTED, choice);
            case GRANT:
                break;
            default:
                throw new IllegalStateException("not a choice: " + choice.action());
        }
        if (guardianNeeded && choice.actor() != Actor.Kind.GUARDIAN) {
            return made(topic, false, Reason.MINOR_WITHOUT_GUARDIAN, choice);
        }
        if (basis == Basis.OPT_IN) {
            if (policy.changedSince(choice.policyVersion(), topic.id(), topic.channel())) {
                return made(topic, false, Reason.STALE_POLICY, choice);
            }
            if (expiry.outlived(choice, signals.jurisdiction(), now)) {
                return made(topic, false, Reason.EXPIRED, choice);
            }
        }
        return made(topic, true, Reason.GRANTED, choice);
    }

    /** A notice-only purpose: used until the person stops it; a later grant resumes it. */
    private Decision notice(Topic topic, Choice choice) {
        if (choice == null) {
            return storeUnavailable ? Decision.byDefault(topic, false, Reason.STORE_UNAVAILABLE)
                    : Decision.byDefault(topic, true, Reason.NOTICE_ONLY);
        }
        return choice.action() == Action.GRANT ? made(topic, true, Reason.GRANTED, choice)
                : made(topic, false, Reason.USE_STOPPED, choice);
    }

    /** Whether a refusal on an opt-in topic is older than the period refusals are remembered for. */
    private boolean refusalLapsed(Basis basis, Choice choice) {
        return basis == Basis.OPT_IN && expiry.outlived(choice, signals.jurisdiction(), now);
    }

    /** Whether a minors rule makes this opt-out topic opt-in for the person's age. */
    private boolean optInForMinor(Topic topic) {
        return belowAge(topic, MinorRule::optInBelowAge);
    }

    private boolean guardianNeeded(Topic topic) {
        return belowAge(topic, MinorRule::guardianBelowAge);
    }

    /** Whether the person is younger than {@code age} of the minors rule that applies to {@code topic} where they are. */
    private boolean belowAge(Topic topic, ToIntFunction<MinorRule> age) {
        Integer personAge = signals.age();
        if (personAge == null) {
            return false;
        }
        return MinorRule.applying(policy.minorRules(), signals.jurisdiction(), topic.id())
                .map(rule -> personAge < age.applyAsInt(rule)).orElse(false);
    }

    private static Decision made(Topic topic, boolean allowed, Reason reason, Choice choice) {
        return new Decision(topic, allowed, reason, choice.at(), choice.policyVersion(), choice.event());
    }

    /** Of two choices, the one later in the chain; for two that are in no chain, the second given. */
    static Choice later(Choice a, Choice b) {
        return a.sequence() > b.sequence() ? a : b;
    }
}
