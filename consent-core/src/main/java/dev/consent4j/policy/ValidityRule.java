package dev.consent4j.policy;

import java.util.Map;
import java.util.Objects;

/**
 * A {@link Validity} with per-jurisdiction overrides, looked up like a {@link BasisRule}: the most
 * specific code of {@link Jurisdiction#lookupChain()} that has one, else the default.
 */
public record ValidityRule(Validity byDefault, Map<String, Validity> overrides) {

    public ValidityRule {
        Objects.requireNonNull(byDefault, "byDefault");
        overrides = Map.copyOf(overrides);
    }

    public static ValidityRule of(Validity validity) {
        return new ValidityRule(validity, Map.of());
    }

    /** The validity that applies in {@code jurisdiction}. */
    public Validity in(Jurisdiction jurisdiction) {
        if (!overrides.isEmpty()) {
            for (String code : jurisdiction.lookupChain()) {
                Validity validity = overrides.get(code);
                if (validity != null) {
                    return validity;
                }
            }
        }
        return byDefault;
    }
}
