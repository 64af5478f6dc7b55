package dev.consent4j.state;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.match.Closest;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One subject's choices folded under the policy: a {@link Decision}, with its reason, for every
 * purpose, purpose × channel and cookie category the policy declares. Immutable; a new choice
 * gives a new state.
 */
public final class ConsentState {

    private final Policy policy;
    private final SubjectId subject;
    private final Signals signals;
    private final Instant evaluatedAt;
    private final Map<Topic, Decision> decisions;
    private final List<ArchivedChoice> archived;

    /**
     * Wraps decisions that were already made; {@code decisions} must hold one for every topic of
     * {@code policy}. Use {@link dev.consent4j.internal.fold.StateFolder} to make them from events.
     */
    public ConsentState(Policy policy, SubjectId subject, Signals signals, Instant evaluatedAt,
            Map<Topic, Decision> decisions) {
        this(policy, subject, signals, evaluatedAt, decisions, List.of());
    }

    /**
     * Wraps decisions that were already made, with the choices that were archived because the
     * policy no longer offers their topics.
     */
    public ConsentState(Policy policy, SubjectId subject, Signals signals, Instant evaluatedAt,
            Map<Topic, Decision> decisions, List<ArchivedChoice> archived) {
        this.archived = List.copyOf(archived);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.evaluatedAt = Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        this.decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
    }

    public Policy policy() {
        return policy;
    }

    public SubjectId subject() {
        return subject;
    }

    public Signals signals() {
        return signals;
    }

    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    /** Every decision, in policy order: purposes (each followed by its channels), then categories. */
    public Map<Topic, Decision> decisions() {
        return decisions;
    }

    /**
     * The subject's latest choices on topics the policy no longer offers: evidence, never
     * decisions (see {@link dev.consent4j.internal.fold.StateFolder#archive}).
     */
    public List<ArchivedChoice> archived() {
        return archived;
    }

    /**
     * The decision for a topic the policy declares.
     *
     * @throws IllegalArgumentException when the policy does not declare the topic; the message
     *         names the right method when the id belongs to a topic of the other kind
     */
    public Decision decision(Topic topic) {
        Decision decision = decisions.get(topic);
        if (decision == null) {
            throw new IllegalArgumentException(undeclared(topic));
        }
        return decision;
    }

    /**
     * Whether the person has opted out of {@code purposeId} as a sale, sharing or targeted
     * advertising purpose: by a honoured GPC signal or by an objection ("do not sell or share").
     */
    public boolean optedOutOfSale(String purposeId) {
        Decision decision = purpose(purposeId);
        return policy.purpose(purposeId).orElseThrow().coveredByGpc()
                && (decision.reason() == Reason.GPC_SIGNAL || decision.reason() == Reason.OBJECTED);
    }

    private String undeclared(Topic topic) {
        String declares = "policy " + policy.id() + " " + policy.version() + " declares no ";
        if (topic.kind() == Topic.Kind.CATEGORY) {
            return policy.purpose(topic.id()).isPresent()
                    ? "'" + topic.id() + "' is a purpose, not a cookie category; ask allows(\"" + topic.id() + "\") or purpose(\""
                            + topic.id() + "\")"
                    : declares + "cookie category '" + topic.id() + "'" + Closest.hint(topic.id(),
                            policy.cookieCategories().stream().map(CookieCategory::id).toList());
        }
        if (policy.purpose(topic.id()).isEmpty()) {
            return policy.cookieCategory(topic.id()).isPresent()
                    ? "'" + topic.id() + "' is a cookie category, not a purpose; ask categoryAllowed(\"" + topic.id()
                            + "\") or category(\"" + topic.id() + "\")"
                    : declares + "purpose '" + topic.id() + "'" + Closest.hint(topic.id(),
                            policy.purposes().stream().map(Purpose::id).toList());
        }
        return declares + "channel '" + topic.channel() + "' for purpose '" + topic.id() + "'; its channels are "
                + policy.purpose(topic.id()).orElseThrow().channels();
    }

    /** The decision on a purpose; for a cookie category use {@link #category(String)}. */
    public Decision purpose(String purposeId) {
        return decision(Topic.purpose(purposeId));
    }

    /** The decision on contacting the person for a purpose on one of its channels. */
    public Decision contact(String purposeId, String channel) {
        return decision(Topic.contact(purposeId, channel));
    }

    /** The decision on a cookie category; for a purpose use {@link #purpose(String)}. */
    public Decision category(String categoryId) {
        return decision(Topic.category(categoryId));
    }

    /**
     * Whether a purpose is allowed.
     *
     * @throws IllegalArgumentException when {@code purposeId} is no purpose of the policy (a cookie
     *         category's id included: ask {@link #categoryAllowed(String)} about those)
     */
    public boolean allows(String purposeId) {
        return purpose(purposeId).allowed();
    }

    /** Whether the person may be contacted for the purpose on the channel. */
    public boolean mayContact(String purposeId, String channel) {
        return contact(purposeId, channel).allowed();
    }

    /**
     * Whether the cookies and trackers of a category may be used.
     *
     * @throws IllegalArgumentException when {@code categoryId} is no cookie category of the policy
     *         (a purpose's id included: ask {@link #allows(String)} about those)
     */
    public boolean categoryAllowed(String categoryId) {
        return category(categoryId).allowed();
    }

    /**
     * The decision for the category that declares the cookie {@code name}; empty when no
     * category declares it (the filter's undeclared-cookie mode decides those).
     */
    public Optional<Decision> cookie(String name) {
        CookieCategory category = policy.categoryOfCookieOrNull(name);
        return category == null ? Optional.empty() : Optional.of(decision(Topic.category(category.id())));
    }

    /**
     * Whether the banner should ask: some cookie category, or some purpose without channels, has
     * no current choice ({@link Decision#needsChoice()}). Marketing by channel is asked for on the
     * account page, so it does not bring the banner back.
     */
    public boolean needsChoice() {
        for (Decision decision : decisions.values()) {
            if (decision.needsChoice() && decision.topic().channel() == null && (decision.topic().kind() == Topic.Kind.CATEGORY
                    || policy.purpose(decision.topic().id()).map(p -> p.channels().isEmpty()).orElse(false))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Google Consent Mode signal for each of {@link CookieCategory#CONSENT_MODE_TYPES}, derived from these
     * decisions: a type is granted when at least one cookie category names it and every category
     * that names it is allowed; {@code ad_personalization} also needs every targeted-advertising
     * purpose, and {@code ad_user_data} every sale or sharing purpose, to be allowed.
     */
    public Map<String, Boolean> consentMode() {
        Map<String, Boolean> signals = new LinkedHashMap<>();
        for (String type : CookieCategory.CONSENT_MODE_TYPES) {
            boolean named = false;
            boolean granted = true;
            for (CookieCategory category : policy.cookieCategories()) {
                if (category.consentModeTypes().contains(type)) {
                    named = true;
                    granted &= categoryAllowed(category.id());
                }
            }
            for (Purpose purpose : policy.purposes()) {
                boolean bears = type.equals("ad_personalization") && purpose.targetedAdvertising()
                        || type.equals("ad_user_data") && purpose.saleOrSharing();
                if (bears) {
                    granted &= allows(purpose.id());
                }
            }
            signals.put(type, named && granted);
        }
        return Collections.unmodifiableMap(signals);
    }

    @Override
    public String toString() {
        return "ConsentState[" + subject + " under " + policy.version() + " " + signals + "]";
    }
}
