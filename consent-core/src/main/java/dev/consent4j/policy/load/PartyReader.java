package dev.consent4j.policy.load;

import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a party the law asks a policy to name: the operator (APPI art. 32(1)(i)), the party
 * responsible for a joint use (art. 27(5)(iii)) and the provider of a data source (art. 30(1)(i)),
 * each with its name, address and, for a corporation, its representative.
 */
final class PartyReader {

    static final Set<String> KEYS = Set.of("name", "address", "representative", "contact");

    private PartyReader() {
    }

    /**
     * The mapping under {@code key} of {@code f} as a party, or {@code null} after reporting; what is
     * missing is reported under {@code rule}, which {@code why} explains when the whole party is.
     */
    static @Nullable Party read(Fields f, String key, LegalRule rule, String why, boolean corporation) {
        Fields party = f.object(key, rule, why, KEYS);
        if (party == null) {
            return null;
        }
        LocalizedText name = party.localized("name", rule);
        LocalizedText address = party.localized("address", rule);
        LocalizedText representative = corporation ? party.localized("representative", rule)
                : party.localized("representative", false);
        LocalizedText contact = party.localized("contact", false);
        return name == null ? null
                : new Party(name, Fields.orEmpty(address), Fields.orEmpty(representative), Fields.orEmpty(contact));
    }
}
