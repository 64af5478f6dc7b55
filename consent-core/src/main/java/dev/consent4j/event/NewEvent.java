package dev.consent4j.event;

import dev.consent4j.internal.chain.EventChain;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event as the application describes it, before a store has placed it in a chain: a person's
 * choice about one topic, as it was made. {@link dev.consent4j.store.ConsentStore#append} takes
 * these and gives back each one as a {@link ConsentEvent}, with the {@link Seal} it was stored
 * under. A correction is a new event that names the one it {@link #supersedes}.
 *
 * @param topic         what the choice is about; {@code null} only for a {@link Action#LINK} event
 * @param evidence      how the choice was made; {@code null} is taken as {@link Evidence#NONE}
 * @param linkedVisitor for a {@link Action#LINK} event, and for events carried over at login, the
 *                      visitor the customer was linked to; otherwise {@code null}
 * @param supersedes    the event this one corrects, or {@code null}
 */
public record NewEvent(
        EventId id,
        SubjectId subject,
        @Nullable Topic topic,
        Action action,
        String policyVersion,
        Instant time,
        Source source,
        Actor actor,
        String jurisdiction,
        Evidence evidence,
        @Nullable SubjectId linkedVisitor,
        @Nullable EventId supersedes) {

    public NewEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        if (action == Action.LINK ? topic != null : topic == null) {
            throw new IllegalArgumentException("every event has a topic except a LINK event, which has none");
        }
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        evidence = evidence == null ? Evidence.NONE : evidence;
        if (action == Action.LINK && linkedVisitor == null) {
            throw new IllegalArgumentException("a LINK event names the visitor that was linked");
        }
    }

    /** A new event with a random id. */
    public static NewEvent of(SubjectId subject, @Nullable Topic topic, Action action, String policyVersion,
            Instant time, Source source, Actor actor, String jurisdiction, Evidence evidence,
            @Nullable SubjectId linkedVisitor, @Nullable EventId supersedes) {
        return new NewEvent(EventId.random(), subject, topic, action, policyVersion, time, source, actor,
                jurisdiction, evidence, linkedVisitor, supersedes);
    }

    /** This event placed at {@code sequence} after the event whose hash is {@code previousHash}. */
    public ConsentEvent seal(long sequence, String previousHash) {
        return new ConsentEvent(this, new Seal(sequence, previousHash, EventChain.hash(this, sequence, previousHash)));
    }

    /** This event placed after {@code previous}, the last event of its chain so far. */
    public ConsentEvent sealAfter(ConsentEvent previous) {
        return seal(previous.sequence() + 1, previous.hash());
    }
}
