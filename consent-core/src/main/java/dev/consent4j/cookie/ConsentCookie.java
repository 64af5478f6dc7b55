package dev.consent4j.cookie;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Choice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the consent cookie says: an anonymous visitor, the policy version the choices were made
 * under, when they were made, and the choice per cookie category and per purpose offered in the
 * banner. The cookie is a convenience for enforcement; the stored events are the proof.
 *
 * @param madeAt       when the choices were made, to the second
 * @param choices      the action per topic: only category and purpose topics, never a channel
 * @param linkedToCustomer whether the visitor has already been linked to a logged-in customer, so
 *                     that the link is recorded once
 */
public record ConsentCookie(SubjectId visitor, String policyVersion, Instant madeAt, Map<Topic, Action> choices,
        boolean linkedToCustomer) {

    /** Longer ids or versions cannot be written in the cookie's one-byte length fields. */
    static final int MAX_TEXT_BYTES = 255;
    static final int MAX_CHOICES = 255;

    public ConsentCookie {
        Objects.requireNonNull(visitor, "visitor");
        if (!visitor.isVisitor()) {
            throw new IllegalArgumentException("the consent cookie identifies a visitor, not " + visitor);
        }
        Objects.requireNonNull(policyVersion, "policyVersion");
        madeAt = Objects.requireNonNull(madeAt, "madeAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(choices, "choices");
        if (choices.size() > MAX_CHOICES) {
            throw new IllegalArgumentException("a consent cookie holds at most " + MAX_CHOICES + " choices");
        }
        for (Map.Entry<Topic, Action> choice : choices.entrySet()) {
            Topic topic = choice.getKey();
            if (topic.channel() != null) {
                throw new IllegalArgumentException("contact choices are kept for customers only, not in the cookie: " + topic);
            }
            if (choice.getValue() == Action.LINK) {
                throw new IllegalArgumentException("LINK is not a choice");
            }
        }
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    /** The cookie's choices as folding takes them. */
    public List<Choice> asChoices() {
        List<Choice> list = new ArrayList<>(choices.size());
        for (Map.Entry<Topic, Action> choice : choices.entrySet()) {
            list.add(new Choice(choice.getKey(), choice.getValue(), madeAt, policyVersion, Actor.Kind.SELF, null));
        }
        return list;
    }

    /** The same cookie with the link to a customer recorded. */
    public ConsentCookie linked() {
        return new ConsentCookie(visitor, policyVersion, madeAt, choices, true);
    }
}
