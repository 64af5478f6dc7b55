package dev.consent4j.cookie;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Choice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the consent cookie says: an anonymous visitor, when the cookie was issued, and the visitor's
 * standing choice per cookie category and per purpose, each with the policy version it was made
 * under, its own time and who made it. The cookie is a convenience for enforcement; the stored
 * events are the proof.
 *
 * <p>Times are kept to the second. The choices are held in one canonical order (categories
 * first, then purposes, each by id), so that two cookies with the same choices are equal and
 * encode to the same value.
 *
 * @param madeAt           when the cookie was issued, to the second: never before its newest
 *                         choice. It bounds how long the signed value is trusted (see
 *                         {@link ConsentCookieCodec#lifetime()}); each choice's own time decides
 *                         whether that choice still counts
 * @param choices          at most one choice per topic, only category and purpose topics, never a
 *                         channel; each {@link Choice#event()} is {@code null}
 * @param linkedToCustomer whether the visitor has already been linked to a logged-in customer, so
 *                         that the link is recorded once
 */
public record ConsentCookie(SubjectId visitor, Instant madeAt, List<Choice> choices, boolean linkedToCustomer) {

    /** Longer ids or versions cannot be written in the cookie's one-byte length fields. */
    static final int MAX_TEXT_BYTES = 255;
    static final int MAX_CHOICES = 255;

    /** The order choices are kept and written in: categories, then purposes, each by id. */
    static final Comparator<Topic> ORDER = (a, b) -> {
        int byKind = Integer.compare(rank(a), rank(b));
        return byKind != 0 ? byKind : a.id().compareTo(b.id());
    };

    private static int rank(Topic topic) {
        return topic.kind() == Topic.Kind.CATEGORY ? 0 : 1;
    }

    public ConsentCookie {
        Objects.requireNonNull(visitor, "visitor");
        if (!visitor.isVisitor()) {
            throw new IllegalArgumentException("the consent cookie identifies a visitor, not " + visitor);
        }
        madeAt = Objects.requireNonNull(madeAt, "madeAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(choices, "choices");
        if (choices.size() > MAX_CHOICES) {
            throw new IllegalArgumentException("a consent cookie holds at most " + MAX_CHOICES + " choices");
        }
        // Choices already in order, each to the second and without an event (as the codec reads
        // them), are kept as given; anything else is normalised first.
        boolean asGiven = true;
        Topic previous = null;
        for (Choice choice : choices) {
            Topic topic = Objects.requireNonNull(choice, "choice").topic();
            if (topic.channel() != null) {
                throw new IllegalArgumentException("contact choices are kept for customers only, not in the cookie: " + topic);
            }
            Instant at = choice.at().truncatedTo(ChronoUnit.SECONDS);
            if (at.isAfter(madeAt)) {
                throw new IllegalArgumentException("the choice on " + topic + " was made at " + at
                        + ", after the cookie's time " + madeAt);
            }
            asGiven &= choice.event() == null && at.equals(choice.at())
                    && (previous == null || ORDER.compare(previous, topic) < 0);
            previous = topic;
        }
        choices = asGiven ? List.copyOf(choices) : normalised(choices);
    }

    private static List<Choice> normalised(List<Choice> choices) {
        List<Choice> kept = new ArrayList<>(choices.size());
        for (Choice choice : choices) {
            Instant at = choice.at().truncatedTo(ChronoUnit.SECONDS);
            kept.add(choice.event() == null && at.equals(choice.at()) ? choice
                    : new Choice(choice.topic(), choice.action(), at, choice.policyVersion(), choice.actor(), null));
        }
        kept.sort(Comparator.comparing(Choice::topic, ORDER));
        for (int i = 1; i < kept.size(); i++) {
            if (kept.get(i - 1).topic().equals(kept.get(i).topic())) {
                throw new IllegalArgumentException("two choices on " + kept.get(i).topic() + " in one consent cookie");
            }
        }
        return List.copyOf(kept);
    }

    /**
     * A cookie whose choices were all made together by the visitor, at {@code madeAt} under
     * {@code policyVersion}: what a format-1 cookie said.
     */
    public static ConsentCookie of(SubjectId visitor, String policyVersion, Instant madeAt, Map<Topic, Action> choices,
            boolean linkedToCustomer) {
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(madeAt, "madeAt");
        List<Choice> list = new ArrayList<>(choices.size());
        for (Map.Entry<Topic, Action> choice : choices.entrySet()) {
            list.add(new Choice(choice.getKey(), choice.getValue(), madeAt, policyVersion, Actor.Kind.SELF, null));
        }
        return new ConsentCookie(visitor, madeAt, list, linkedToCustomer);
    }

    /** The cookie's choices as folding takes them. */
    public List<Choice> asChoices() {
        return choices;
    }

    /** The same cookie with the link to a customer recorded. */
    public ConsentCookie linked() {
        return new ConsentCookie(visitor, madeAt, choices, true);
    }
}
