package dev.consent4j.state;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    /**
     * Wraps decisions that were already made; {@code decisions} must hold one for every topic of
     * {@code policy}. Use {@link dev.consent4j.state.fold.StateFolder} to make them from events.
     */
    public ConsentState(Policy policy, SubjectId subject, Signals signals, Instant evaluatedAt,
            Map<Topic, Decision> decisions) {
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

    /** The decision for a topic the policy declares. */
    public Decision decision(Topic topic) {
        Decision decision = decisions.get(topic);
        if (decision == null) {
            throw new IllegalArgumentException("policy " + policy.id() + " " + policy.version()
                    + " declares no topic '" + topic + "'");
        }
        return decision;
    }

    public Decision purpose(String purposeId) {
        return decision(Topic.purpose(purposeId));
    }

    public Decision contact(String purposeId, String channel) {
        return decision(Topic.contact(purposeId, channel));
    }

    public Decision category(String categoryId) {
        return decision(Topic.category(categoryId));
    }

    public boolean allows(String purposeId) {
        return purpose(purposeId).allowed();
    }

    public boolean mayContact(String purposeId, String channel) {
        return contact(purposeId, channel).allowed();
    }

    public boolean categoryAllowed(String categoryId) {
        return category(categoryId).allowed();
    }

    /**
     * The decision for the category that declares the cookie {@code name}; empty when no
     * category declares it (the filter's undeclared-cookie mode decides those).
     */
    public Optional<Decision> cookie(String name) {
        CookieCategory category = policy.categoryOfCookieOrNull(name);
        return category == null ? Optional.empty() : Optional.of(decisions.get(Topic.category(category.id())));
    }

    /** Whether any choosable topic still needs a choice: the banner should be shown. */
    public boolean needsChoice() {
        for (Decision decision : decisions.values()) {
            if (decision.needsChoice()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ConsentState[" + subject + " under " + policy.version() + " " + signals + "]";
    }
}
