package dev.consent4j.state.fold;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds one subject's choices under a policy into a {@link ConsentState}: a decision with a
 * reason for every purpose, purpose × channel and cookie category.
 *
 * <p>The rules, in order, for a topic that is not necessary: a GPC signal where it is honoured
 * refuses sale, sharing and targeted advertising; with no choice the basis decides (opt-out
 * allowed, opt-in not); a refusal, withdrawal or objection stands; a grant counts when it is not
 * older than the maximum age, was not made under a policy version after which the topic changed,
 * and — for a minor the policy's rules cover — was given by a guardian. For a purpose × channel,
 * the newer of the purpose-level and the channel-level choice decides.
 *
 * <p>Thread-safe and allocation-light: the servlet filter folds on every request.
 */
public final class StateFolder {

    private final Policy policy;
    private final ConsentSettings settings;
    private final Period maxAge;
    private final Topic[] purposeTopics;
    private final Topic[][] contactTopics;
    private final Topic[] categoryTopics;

    public StateFolder(Policy policy, ConsentSettings settings) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maxAge = settings.maxAge() != null ? settings.maxAge() : policy.consentValidity();
        List<Purpose> purposes = policy.purposes();
        this.purposeTopics = new Topic[purposes.size()];
        this.contactTopics = new Topic[purposes.size()][];
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            purposeTopics[i] = Topic.purpose(purpose.id());
            contactTopics[i] = new Topic[purpose.channels().size()];
            for (int c = 0; c < purpose.channels().size(); c++) {
                contactTopics[i][c] = Topic.contact(purpose.id(), purpose.channels().get(c));
            }
        }
        List<CookieCategory> categories = policy.cookieCategories();
        this.categoryTopics = new Topic[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            categoryTopics[i] = Topic.category(categories.get(i).id());
        }
    }

    public Policy policy() {
        return policy;
    }

    public ConsentSettings settings() {
        return settings;
    }

    /** Folds the latest choice per topic (several for one topic: the newest counts). */
    public ConsentState fold(SubjectId subject, Collection<Choice> latestChoices, Signals signals, Instant now) {
        Map<Topic, Choice> byTopic = new HashMap<>(latestChoices.size() * 2 + 1);
        for (Choice choice : latestChoices) {
            byTopic.merge(choice.topic(), choice, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        boolean gpc = signals.gpc() && settings.honoursGpc(signals.jurisdiction());
        Map<Topic, Decision> decisions = new LinkedHashMap<>();
        List<Purpose> purposes = policy.purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            Choice purposeChoice = byTopic.get(purposeTopics[i]);
            decisions.put(purposeTopics[i], decide(purposeTopics[i], purpose, purposeChoice, gpc, signals, now));
            for (Topic contact : contactTopics[i]) {
                Choice newer = newer(purposeChoice, byTopic.get(contact));
                decisions.put(contact, decide(contact, purpose, newer, gpc, signals, now));
            }
        }
        List<CookieCategory> categories = policy.cookieCategories();
        for (int i = 0; i < categories.size(); i++) {
            Topic topic = categoryTopics[i];
            Basis basis = categories.get(i).basis().in(signals.jurisdiction());
            decisions.put(topic, decide(topic, basis, byTopic.get(topic), false, signals, now));
        }
        return new ConsentState(policy, subject, signals, now, decisions);
    }

    /**
     * Folds stored events: LINK events are skipped, an event another event
     * {@link ConsentEvent#supersedes() supersedes} no longer counts, and the latest remaining
     * event per topic is the choice.
     */
    public ConsentState foldEvents(SubjectId subject, List<ConsentEvent> events, Signals signals, Instant now) {
        return fold(subject, latestChoices(events), signals, now);
    }

    /** The latest choice per topic in {@code events}, leaving out superseded events and links. */
    public static Collection<Choice> latestChoices(List<ConsentEvent> events) {
        Set<EventId> superseded = null;
        for (ConsentEvent event : events) {
            if (event.supersedes() != null) {
                if (superseded == null) {
                    superseded = new HashSet<>();
                }
                superseded.add(event.supersedes());
            }
        }
        Map<Topic, Choice> latest = new LinkedHashMap<>();
        for (ConsentEvent event : events) {
            if (event.action() == Action.LINK || superseded != null && superseded.contains(event.id())) {
                continue;
            }
            Choice candidate = Choice.of(event);
            latest.merge(event.topic(), candidate, (a, b) -> b.at().isBefore(a.at()) ? a : b);
        }
        return latest.values();
    }

    /**
     * The decision on one purpose (channel {@code null}) or purpose × channel from the two choices
     * that bear on it; for bulk paths that do not need a whole state.
     */
    public Decision decide(String purposeId, String channel, Choice purposeChoice, Choice channelChoice,
            Signals signals, Instant now) {
        Purpose purpose = policy.purpose(purposeId).orElseThrow(
                () -> new IllegalArgumentException("policy " + policy.version() + " declares no purpose '" + purposeId + "'"));
        Topic topic = channel == null ? Topic.purpose(purposeId) : Topic.contact(purposeId, channel);
        boolean gpc = signals.gpc() && settings.honoursGpc(signals.jurisdiction());
        Choice choice = channel == null ? purposeChoice : newer(purposeChoice, channelChoice);
        return decide(topic, purpose, choice, gpc, signals, now);
    }

    private Decision decide(Topic topic, Purpose purpose, Choice choice, boolean gpc, Signals signals, Instant now) {
        Basis basis = purpose.basis().in(signals.jurisdiction());
        return decide(topic, basis, choice, gpc && purpose.coveredByGpc(), signals, now);
    }

    private Decision decide(Topic topic, Basis basis, Choice choice, boolean gpcRefuses, Signals signals, Instant now) {
        if (basis == Basis.NECESSARY) {
            return Decision.byDefault(topic, true, Reason.NECESSARY);
        }
        if (gpcRefuses) {
            return choice == null ? Decision.byDefault(topic, false, Reason.GPC_SIGNAL)
                    : made(topic, false, Reason.GPC_SIGNAL, choice);
        }
        boolean guardianNeeded = guardianNeeded(topic, signals);
        if (choice == null) {
            if (guardianNeeded) {
                return Decision.byDefault(topic, false, Reason.MINOR_WITHOUT_GUARDIAN);
            }
            return basis == Basis.OPT_OUT ? Decision.byDefault(topic, true, Reason.DEFAULT_OPT_OUT)
                    : Decision.byDefault(topic, false, Reason.NO_CONSENT);
        }
        switch (choice.action()) {
            case DENY:
                return made(topic, false, Reason.DENIED, choice);
            case WITHDRAW:
                return made(topic, false, Reason.WITHDRAWN, choice);
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
            if (policy.changedSince(choice.policyVersion(), topic.id())) {
                return made(topic, false, Reason.STALE_POLICY, choice);
            }
            if (!choice.at().atOffset(ZoneOffset.UTC).plus(maxAge).toInstant().isAfter(now)) {
                return made(topic, false, Reason.EXPIRED, choice);
            }
        }
        return made(topic, true, Reason.GRANTED, choice);
    }

    private boolean guardianNeeded(Topic topic, Signals signals) {
        Integer age = signals.age();
        if (age == null) {
            return false;
        }
        for (MinorRule rule : policy.minorRules()) {
            if (age < rule.guardianBelowAge() && rule.covers(signals.jurisdiction(), topic.id())) {
                return true;
            }
        }
        return false;
    }

    private static Decision made(Topic topic, boolean allowed, Reason reason, Choice choice) {
        return new Decision(topic, allowed, reason, choice.at(), choice.policyVersion(), choice.event());
    }

    private static Choice newer(Choice a, Choice b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.at().isBefore(a.at()) ? a : b;
    }
}
