package dev.consent4j.outbox;

import dev.consent4j.event.Topic;
import dev.consent4j.state.Decision;
import java.util.Objects;

/**
 * One topic whose decision an append changed: whether it is allowed, or why, differs.
 *
 * @param before the decision just before the append
 * @param after  the decision the append led to
 */
public record DecisionChange(Topic topic, Decision before, Decision after) {

    public DecisionChange {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** Whether the topic was allowed before and is not any more: an opt-out, a withdrawal, an objection. */
    public boolean revoked() {
        return before.allowed() && !after.allowed();
    }
}
