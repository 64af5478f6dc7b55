package dev.consent4j.state;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Source;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The latest standing choice on one topic, as folding needs it: from a stored event, or from the
 * signed consent cookie of an anonymous visitor (then {@link #event} is {@code null} and
 * {@link #sequence} is 0).
 *
 * @param at       when the person chose: for expiry and display, never for deciding which of two
 *                 choices is the later one
 * @param sequence the event's position in the subject's chain, which orders choices; 0 when the
 *                 choice was not read from a chain
 * @param source   the screen or channel it came through, where known ({@code null} for a choice read
 *                 from the consent cookie, which holds only banner and preference-centre choices);
 *                 how long a grant counts can depend on it ({@link Source#MEMBER_TERMS})
 */
public record Choice(Topic topic, Action action, Instant at, String policyVersion, Actor.Kind actor,
        @Nullable EventId event, long sequence, @Nullable Source source) {

    public Choice {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(actor, "actor");
        if (action == Action.LINK) {
            throw new IllegalArgumentException("a LINK event is not a choice on a topic");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, but was " + sequence);
        }
    }

    /** A choice whose source is not known. */
    public Choice(Topic topic, Action action, Instant at, String policyVersion, Actor.Kind actor,
            @Nullable EventId event, long sequence) {
        this(topic, action, at, policyVersion, actor, event, sequence, null);
    }

    /** A choice that does not come from a chain (sequence 0), e.g. one read from the consent cookie. */
    public Choice(Topic topic, Action action, Instant at, String policyVersion, Actor.Kind actor,
            @Nullable EventId event) {
        this(topic, action, at, policyVersion, actor, event, 0);
    }

    public static Choice of(ConsentEvent event) {
        Topic topic = event.topic();
        if (topic == null) {
            throw new IllegalArgumentException("a LINK event is not a choice on a topic");
        }
        return new Choice(topic, event.action(), event.time(), event.policyVersion(),
                event.actor().kind(), event.id(), event.sequence(), event.source());
    }

    /** Whether the choice was given by accepting member terms. */
    public boolean byMemberTerms() {
        return source == Source.MEMBER_TERMS;
    }
}
