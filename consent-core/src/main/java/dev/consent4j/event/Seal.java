package dev.consent4j.event;

import dev.consent4j.internal.chain.EventChain;
import java.util.Objects;

/**
 * What a store adds to an event as it appends it: the event's place in its subject's chain, the
 * hash of the event before it, and its own hash over both and the event (see {@link EventChain}),
 * so that any later change to a stored event breaks the chain.
 *
 * @param sequence     the 1-based position in the subject's chain
 * @param previousHash the hash of the event before it in the chain; {@code ""} for the first
 * @param hash         the event's own hash
 */
public record Seal(long sequence, String previousHash, String hash) {

    public Seal {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, but was " + sequence);
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
