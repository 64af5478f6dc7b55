package dev.consent4j.provision;

import java.util.List;

/** A receipt was refused because what APPI art. 30 asks the shop to confirm about the provider is missing. */
public final class InvalidProvenanceException extends IllegalArgumentException {

    private final List<String> missing;

    public InvalidProvenanceException(List<String> missing) {
        super("data from a third party can only be taken in with its provenance; missing: " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    /** The fields that were missing, e.g. {@code providerAddress}. */
    public List<String> missing() {
        return missing;
    }
}
