package dev.consent4j.spring;

import java.util.List;

/** Thrown at start when there is no {@link dev.consent4j.store.ConsentStore}, or more than one. */
public class NoConsentStoreException extends RuntimeException {

    private final List<String> candidates;

    public NoConsentStoreException(List<String> candidates) {
        super(candidates.isEmpty() ? "no consent store is configured"
                : "several consent stores are defined: " + candidates + "; consent4j needs exactly one");
        this.candidates = List.copyOf(candidates);
    }

    /** The names of the store beans found; empty when there were none. */
    public List<String> candidates() {
        return candidates;
    }
}
