package dev.consent4j.state;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest standing choice on one topic, as folding needs it: from a stored event, or from the
 * signed consent cookie of an anonymous visitor (then {@link #event} is {@code null}).
 */
public record Choice(Topic topic, Action action, Instant at, String policyVersion, Actor.Kind actor, EventId event) {

    public Choice {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(actor, "actor");
        if (action == Action.LINK) {
            throw new IllegalArgumentException("a LINK event is not a choice on a topic");
        }
    }

    public static Choice of(ConsentEvent event) {
        return new Choice(event.topic(), event.action(), event.time(), event.policyVersion(),
                event.actor().kind(), event.id());
    }
}
