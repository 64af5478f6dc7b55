package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * A recipient's declared ground for receiving data without the person's consent, for some or all
 * of the purposes it serves.
 *
 * @param purposes    the purposes the ground covers; empty means every purpose of the recipient
 * @param description what the ground is in this case (the law, the authority), or empty
 */
public record ProvisionGround(LegalGround ground, List<String> purposes, LocalizedText description) {

    public ProvisionGround {
        Objects.requireNonNull(ground, "ground");
        purposes = List.copyOf(purposes);
        description = description == null ? LocalizedText.EMPTY : description;
    }

    /** Whether the ground covers provision for {@code purposeId}. */
    public boolean covers(String purposeId) {
        return purposes.isEmpty() || purposes.contains(purposeId);
    }
}
