package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * The policy's declaration of where outside Japan personal data is handled: no country at all,
 * or the countries it names (ISO 3166-1 codes), with a note on the measures taken there.
 */
public record DataAbroad(List<String> countries, LocalizedText note) {

    public DataAbroad {
        countries = List.copyOf(Objects.requireNonNull(countries, "countries"));
        note = note == null ? LocalizedText.EMPTY : note;
    }

    /** Whether the policy says data is handled in some country other than Japan. */
    public boolean handledAbroad() {
        return !countries.isEmpty();
    }

    /** Whether handling in {@code country} agrees with the declaration. */
    public boolean allows(String country) {
        return "JP".equals(country) || countries.contains(country);
    }
}
