package dev.consent4j.internal.fold;

import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Revision;
import dev.consent4j.state.ArchivedChoice;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one decision function: from the policy, one subject's latest choices (from their chain or
 * from a visitor's cookie), the request's signals and the time, a decision with its reason for
 * every purpose, purpose × channel and cookie category. Every surface of the library — the
 * {@link ConsentState}, bulk decisions and audiences, the provision gate, the endpoints, the
 * filter's cookie, tag and CSP enforcement and the Consent Mode signals — is derived from it.
 *
 * <p><b>Which choice counts.</b> The latest choice on a topic is the one appended last to the
 * subject's chain ({@link #latestChoices}); the time of a choice decides only whether a grant has
 * expired. For a purpose × channel, the later (in the chain) of the purpose-level and the
 * channel-level choice decides.
 *
 * <p><b>One topic on its own</b>, when not necessary: a GPC signal where it is honoured refuses
 * sale, sharing and targeted advertising; with no choice the basis decides (opt-out allowed,
 * opt-in not, notice-only allowed); a refusal, withdrawal or objection stands (on a notice-only
 * purpose, it is a stop of use); a grant counts when it is not older than its validity, was not
 * made under a policy version after which the topic changed, and — for a minor the policy's rules
 * cover — was given by a guardian. A purpose × channel has the basis the purpose gives that
 * channel ({@link Purpose#basisOn}).
 *
 * <p><b>Validity</b> ({@link Policy#validityOf}, in the person's jurisdiction) applies to opt-in
 * topics: a grant older than its period is {@link Reason#EXPIRED} (a member-terms grant has its
 * own period, by default none); a refusal older than the refusal period stays refused but reads
 * {@link Reason#EXPIRED}, so the person may be asked again.
 *
 * <p><b>Purposes and categories</b> are linked by {@link Purpose#cookieCategories()}: a purpose
 * (and each of its channels) is allowed only while every category it is carried out through is
 * ({@link Reason#CATEGORY_NOT_ALLOWED} otherwise), and an opt-out of a sale, sharing or
 * targeted-advertising purpose — a GPC signal or an objection such as "Do not sell or share" —
 * refuses the categories it is carried out through, with the opt-out's reason, unless the person
 * refused the category themselves.
 *
 * <p><b>Removed topics.</b> A choice on a topic the policy no longer declares, or on one that a
 * revision removed after the choice was made (and a later one added back), is <em>archived</em>
 * ({@link #archive}): it decides nothing, anywhere, and the state lists it in
 * {@link ConsentState#archived()} with the version that removed the topic.
 *
 * <p>Thread-safe; the servlet filter folds on every request.
 */
public final class StateFolder {

    private final Policy policy;
    private final ConsentSettings settings;
    private final List<Topic> topics;
    /** The same topics, for the check every choice of every fold goes through. */
    private final Set<Topic> declared;
    /** Ids some revision removed: only choices on these (or undeclared ones) can be archived. */
    private final Set<String> removedTopics;
    private final Expiry expiry;
    /** States of visitors' cookies by choice pattern (see foldShared). */
    private final SharedStates shared;

    public StateFolder(Policy policy, ConsentSettings settings) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.expiry = new Expiry(policy, settings);
        this.shared = new SharedStates(expiry);
        List<Topic> all = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            all.add(Topic.purpose(purpose.id()));
            for (String channel : purpose.channels()) {
                all.add(Topic.contact(purpose.id(), channel));
            }
        }
        for (CookieCategory category : policy.cookieCategories()) {
            all.add(Topic.category(category.id()));
        }
        this.topics = List.copyOf(all);
        this.declared = Set.copyOf(all);
        Set<String> removed = new HashSet<>();
        for (Revision revision : policy.history()) {
            revision.changes().stream().filter(c -> c.kind() == Revision.Kind.REMOVED).forEach(c -> removed.add(c.topic()));
        }
        this.removedTopics = Set.copyOf(removed);
    }

    /**
     * The archived form of {@code choice}, or {@code null} when it is live: archived when the policy
     * does not declare its topic, or when a revision after the version it was made under removed
     * the topic (which a later one added back).
     */
    public @Nullable ArchivedChoice archive(Choice choice) {
        Topic topic = choice.topic();
        if (!declares(topic)) {
            return new ArchivedChoice(choice, removedIn(choice));
        }
        if (removedTopics.contains(topic.id())
                || topic.channel() != null && removedTopics.contains(Revision.key(topic.id(), topic.channel()))) {
            String removedIn = removedIn(choice);
            return removedIn == null ? null : new ArchivedChoice(choice, removedIn);
        }
        return null;
    }

    /** The version since the choice that removed its purpose or category, or else its one channel; {@code null} for none. */
    private @Nullable String removedIn(Choice choice) {
        Topic topic = choice.topic();
        String removedIn = policy.removedSince(choice.policyVersion(), topic.id());
        return removedIn != null || topic.channel() == null ? removedIn
                : policy.removedSince(choice.policyVersion(), Revision.key(topic.id(), topic.channel()));
    }

    private boolean declares(Topic topic) {
        return declared.contains(topic);
    }

    public Policy policy() {
        return policy;
    }

    public ConsentSettings settings() {
        return settings;
    }

    /** Every topic the policy declares: each purpose, each purpose × channel, each cookie category. */
    public List<Topic> topics() {
        return topics;
    }

    /**
     * The topics a banner's "accept all" and "reject all" choose for a visitor in
     * {@code jurisdiction}: each cookie category that is not necessary there, and each purpose
     * without contact channels whose basis there is a choice (opt-in or opt-out). Contact channels
     * are chosen one by one; notice-only purposes are stopped by a personal request, not a button.
     */
    public List<Topic> bannerTopics(Jurisdiction jurisdiction) {
        return bannerTopics(policy, jurisdiction);
    }

    /** {@link #bannerTopics(Jurisdiction)} of {@code policy}: it depends on nothing else. */
    public static List<Topic> bannerTopics(Policy policy, Jurisdiction jurisdiction) {
        List<Topic> chosen = new ArrayList<>();
        for (CookieCategory category : policy.cookieCategories()) {
            Topic topic = Topic.category(category.id());
            if (choosable(policy, topic, jurisdiction)) {
                chosen.add(topic);
            }
        }
        for (Purpose purpose : policy.purposes()) {
            Topic topic = Topic.purpose(purpose.id());
            if (purpose.channels().isEmpty() && choosable(policy, topic, jurisdiction)) {
                chosen.add(topic);
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * Whether a person in {@code jurisdiction} has a choice on {@code topic}: its basis there (the
     * channel's, for a contact topic) is opt-in or opt-out, not necessary or notice-only. False for
     * a topic the policy does not declare.
     */
    public boolean choosable(Topic topic, Jurisdiction jurisdiction) {
        return choosable(policy, topic, jurisdiction);
    }

    private static boolean choosable(Policy policy, Topic topic, Jurisdiction jurisdiction) {
        return switch (topic.kind()) {
            case CATEGORY -> policy.cookieCategory(topic.id()).filter(c -> c.basis().in(jurisdiction).choosable()).isPresent();
            case PURPOSE -> policy.purpose(topic.id()).filter(p -> p.basis().in(jurisdiction).choosable()).isPresent();
            case CONTACT -> policy.purpose(topic.id()).filter(p -> p.channels().contains(topic.channel())
                    && p.basisOn(topic.channel()).in(jurisdiction).choosable()).isPresent();
        };
    }

    /**
     * The topics a person's "accept all" ({@code GRANT}) or "reject all" ({@code DENY}) chooses,
     * given their current state: the {@link #bannerTopics banner topics} where they are, except
     * that accepting all leaves alone an opt-out of sale, sharing or targeted advertising (a
     * honoured GPC signal or an objection) and the cookie categories that purpose is carried out
     * through. Naming such a topic in a choice still grants it.
     */
    public List<Topic> allChoice(ConsentState current, Action action) {
        List<Topic> banner = bannerTopics(current.signals().jurisdiction());
        if (action != Action.GRANT) {
            return banner;
        }
        List<Topic> chosen = new ArrayList<>(banner.size());
        for (Topic topic : banner) {
            boolean keepsOptOut = topic.kind() == Topic.Kind.CATEGORY
                    ? policy.purposesThrough(topic.id()).stream().anyMatch(p -> current.optedOutOfSale(p.id()))
                    : current.optedOutOfSale(topic.id());
            if (!keepsOptOut) {
                chosen.add(topic);
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * Folds the latest choice per topic into a state. Where {@code latestChoices} holds several
     * choices on one topic, the one later in the chain counts (the last given, for choices with no
     * chain position).
     */
    public ConsentState fold(SubjectId subject, Collection<Choice> latestChoices, Signals signals, Instant now) {
        return fold(subject, latestChoices, signals, now, false);
    }

    /**
     * The fail-closed state for a request whose subject's stored choices could not be read: the
     * choices the request carried ({@code knownChoices}, a visitor cookie's) are folded as usual,
     * and every other topic that is not necessary is refused with {@link Reason#STORE_UNAVAILABLE},
     * opt-out defaults included. Signals and the links between purposes and categories apply as in
     * {@link #fold}.
     */
    public ConsentState foldWithoutStore(SubjectId subject, Collection<Choice> knownChoices, Signals signals, Instant now) {
        return fold(subject, knownChoices, signals, now, true);
    }

    private ConsentState fold(SubjectId subject, Collection<Choice> latestChoices, Signals signals, Instant now,
            boolean storeUnavailable) {
        Map<Topic, Choice> byTopic = new HashMap<>(latestChoices.size() * 2 + 1);
        for (Choice choice : latestChoices) {
            byTopic.merge(choice.topic(), choice, Evaluation::later);
        }
        List<ArchivedChoice> archived = List.of();
        for (java.util.Iterator<Choice> it = byTopic.values().iterator(); it.hasNext();) {
            ArchivedChoice archive = archive(it.next());
            if (archive != null) {
                if (archived.isEmpty()) {
                    archived = new ArrayList<>();
                }
                archived.add(archive);
                it.remove();
            }
        }
        if (archived.size() > 1) {
            archived.sort(java.util.Comparator.comparingLong((ArchivedChoice a) -> a.choice().sequence())
                    .thenComparing(a -> a.choice().topic().toString()));
        }
        Evaluation evaluation = new Evaluation(policy, settings, expiry, byTopic::get, signals, now, storeUnavailable);
        Map<Topic, Decision> decisions = new LinkedHashMap<>(topics.size() * 2);
        for (Topic topic : topics) {
            decisions.put(topic, evaluation.decide(topic));
        }
        return new ConsentState(policy, subject, signals, now, decisions, archived);
    }

    /**
     * A state whose every decision is allowed or refused, for the same reason, exactly as in
     * {@link #fold} of the same choices, signals and time, but shared by every fold of the same
     * <em>choice pattern</em>: choices on the same topics with the same actions, actors and policy
     * versions, expired or not alike at {@code now}, under the same signals. Who made them and
     * when (within the consent validity) play no part in those answers, so a filter enforcing
     * millions of visitors' cookies folds once per pattern, not once per request.
     *
     * <p>What the shared state says beyond allowed and reason is its first fold's: its subject is
     * {@link SubjectId#UNDECIDED_VISITOR} and its decisions' times and policy versions, and its
     * {@link ConsentState#archived() archived} choices, are those of the choices that pattern was
     * first folded from. Show a person their own state with {@link #fold}.
     *
     * @param choices at most one choice per topic, as a consent cookie holds them
     * @throws IllegalArgumentException when two choices are on one topic
     */
    public ConsentState foldShared(Collection<Choice> choices, Signals signals, Instant now) {
        return shared.get(choices, signals, now, () -> fold(SubjectId.UNDECIDED_VISITOR, choices, signals, now));
    }

    /** {@link #outlived(Choice, Jurisdiction, Instant)} where nothing is known of the jurisdiction. */
    boolean outlived(Choice choice, Instant now) {
        return expiry.outlived(choice, Jurisdiction.UNKNOWN, now);
    }

    /** Folds stored events in chain order: {@link #latestChoices} and then {@link #fold}. */
    public ConsentState foldEvents(SubjectId subject, List<ConsentEvent> events, Signals signals, Instant now) {
        return fold(subject, latestChoices(events), signals, now);
    }

    /**
     * The latest choice per topic in {@code events}, which are one subject's chain in order: for
     * each topic, the last event appended, leaving out links and events another event
     * {@link ConsentEvent#supersedes() supersedes}. Event times play no part.
     */
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
            latest.put(event.topic(), Choice.of(event));
        }
        return latest.values();
    }

    /**
     * The decision on one topic, from the latest choices {@code choices} gives (or {@code null}
     * where there is none); for bulk paths that do not need a whole state. {@code choices} is asked
     * only about {@link #topicsBearingOn(Topic)}.
     *
     * @throws IllegalArgumentException when the policy does not declare the topic
     */
    public Decision decide(Topic topic, Function<Topic, Choice> choices, Signals signals, Instant now) {
        requireDeclared(topic);
        Function<Topic, Choice> live = removedTopics.isEmpty() ? choices : t -> {
            Choice choice = choices.apply(t);
            return choice == null || archive(choice) == null ? choice : null;
        };
        return new Evaluation(policy, settings, expiry, live, signals, now, false).decide(topic);
    }

    /**
     * The topics whose latest choices the decision on {@code topic} depends on: the topic itself,
     * its purpose for a channel, the categories the purpose is carried out through and the
     * sale, sharing or targeted-advertising purposes carried out through those. A bulk reader
     * fetches these and nothing else.
     */
    public Set<Topic> topicsBearingOn(Topic topic) {
        requireDeclared(topic);
        Set<Topic> bearing = new LinkedHashSet<>();
        bearing.add(topic);
        List<String> categories;
        if (topic.kind() == Topic.Kind.CATEGORY) {
            categories = List.of(topic.id());
        } else {
            bearing.add(Topic.purpose(topic.id()));
            categories = policy.purpose(topic.id()).orElseThrow().cookieCategories();
        }
        for (String category : categories) {
            bearing.add(Topic.category(category));
            for (Purpose served : policy.purposesThrough(category)) {
                if (served.coveredByGpc()) {
                    bearing.add(Topic.purpose(served.id()));
                }
            }
        }
        return bearing;
    }

    private void requireDeclared(Topic topic) {
        if (!declares(topic)) {
            List<String> ids = new ArrayList<>();
            topics.forEach(t -> ids.add(t.toString()));
            throw new IllegalArgumentException("policy " + policy.version() + " declares no topic '" + topic + "'"
                    + dev.consent4j.internal.match.Closest.hint(topic.toString(), ids));
        }
    }

}
