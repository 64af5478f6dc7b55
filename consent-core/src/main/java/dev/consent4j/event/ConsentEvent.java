package dev.consent4j.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence: a person's choice about one topic, as it was made. Events are never
 * changed or deleted; a correction is a new event that names the one it {@link #supersedes}.
 *
 * <p>A store seals each event as it appends it: it gives the event its place in the subject's
 * chain ({@link #sequence}), the hash of the event before it, and its own hash over both, so that
 * any later change to a stored event breaks the chain. Events built by the application are
 * unsealed ({@link #isSealed()} is false); see {@link #unsealed}.
 *
 * @param topic         what the choice is about; {@code null} only for a {@link Action#LINK} event
 * @param linkedVisitor for a {@link Action#LINK} event, and for events carried over at login, the
 *                      visitor the customer was linked to; otherwise {@code null}
 * @param supersedes    the event this one corrects, or {@code null}
 * @param sequence      the 1-based position in the subject's chain, or 0 before sealing
 * @param previousHash  the hash of the event before it in the chain ({@code ""} for the first),
 *                      or {@code null} before sealing
 * @param hash          the event's own hash (see {@link EventChain}), or {@code null} before sealing
 */
public record ConsentEvent(
        EventId id,
        SubjectId subject,
        Topic topic,
        Action action,
        String policyVersion,
        Instant time,
        Source source,
        Actor actor,
        String jurisdiction,
        Evidence evidence,
        SubjectId linkedVisitor,
        EventId supersedes,
        long sequence,
        String previousHash,
        String hash) {

    public ConsentEvent {
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
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, but was " + sequence);
        }
    }

    /** A new, unsealed event with a random id; the store seals it on append. */
    public static ConsentEvent unsealed(SubjectId subject, Topic topic, Action action, String policyVersion,
            Instant time, Source source, Actor actor, String jurisdiction, Evidence evidence,
            SubjectId linkedVisitor, EventId supersedes) {
        return new ConsentEvent(EventId.random(), subject, topic, action, policyVersion, time, source, actor,
                jurisdiction, evidence, linkedVisitor, supersedes, 0, null, null);
    }

    public boolean isSealed() {
        return hash != null;
    }

    /** This event placed after {@code previousHash} at {@code sequence}, with its hash computed. */
    public ConsentEvent seal(long sequence, String previousHash) {
        ConsentEvent placed = new ConsentEvent(id, subject, topic, action, policyVersion, time, source, actor,
                jurisdiction, evidence, linkedVisitor, supersedes, sequence, previousHash, null);
        return new ConsentEvent(id, subject, topic, action, policyVersion, time, source, actor,
                jurisdiction, evidence, linkedVisitor, supersedes, sequence, previousHash, EventChain.hash(placed));
    }
}
