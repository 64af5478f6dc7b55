package dev.consent4j.event;

import dev.consent4j.internal.chain.EventChain;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of evidence as a store keeps it: the {@link NewEvent} the application described,
 * and the {@link Seal} the store gave it when it appended it. Events are never changed or
 * deleted; a correction is a new event that names the one it {@link #supersedes}.
 *
 * <p>The accessors of the event's content are repeated here, so that readers write
 * {@code event.topic()} rather than {@code event.content().topic()}.
 */
public record ConsentEvent(NewEvent content, Seal seal) {

    public ConsentEvent {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(seal, "seal");
    }

    public EventId id() {
        return content.id();
    }

    public SubjectId subject() {
        return content.subject();
    }

    /** What the choice is about; {@code null} only for a {@link Action#LINK} event. */
    public @Nullable Topic topic() {
        return content.topic();
    }

    public Action action() {
        return content.action();
    }

    public String policyVersion() {
        return content.policyVersion();
    }

    public Instant time() {
        return content.time();
    }

    public Source source() {
        return content.source();
    }

    public Actor actor() {
        return content.actor();
    }

    public String jurisdiction() {
        return content.jurisdiction();
    }

    public Evidence evidence() {
        return content.evidence();
    }

    /** The visitor a customer was linked to (LINK and carried-over events), or {@code null}. */
    public @Nullable SubjectId linkedVisitor() {
        return content.linkedVisitor();
    }

    /** The event this one corrects, or {@code null}. */
    public @Nullable EventId supersedes() {
        return content.supersedes();
    }

    /** The 1-based position in the subject's chain. */
    public long sequence() {
        return seal.sequence();
    }

    /** The hash of the event before it in the chain; {@code ""} for the first. */
    public String previousHash() {
        return seal.previousHash();
    }

    /** The event's own hash (see {@link EventChain}). */
    public String hash() {
        return seal.hash();
    }
}
