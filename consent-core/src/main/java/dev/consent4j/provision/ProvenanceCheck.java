package dev.consent4j.provision;

import java.util.ArrayList;
import java.util.List;

/** What APPI art. 30 asks a receiver to confirm about the provider, checked before a receipt is written. */
final class ProvenanceCheck {

    private ProvenanceCheck() {
    }

    /**
     * @throws InvalidProvenanceException naming each missing item: the provider's name, address,
     *         representative (for a corporation) and how it obtained the data
     */
    static void requireComplete(Provenance provenance) {
        List<String> missing = new ArrayList<>();
        if (provenance == null) {
            missing.add("provenance");
        } else {
            if (blank(provenance.providerName())) {
                missing.add("providerName");
            }
            if (blank(provenance.providerAddress())) {
                missing.add("providerAddress");
            }
            if (provenance.corporation() && blank(provenance.representative())) {
                missing.add("representative");
            }
            if (blank(provenance.acquisition())) {
                missing.add("acquisition");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidProvenanceException(missing);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
