package dev.consent4j.policy;

import java.util.Map;
import java.util.Objects;

/**
 * A basis with optional per-jurisdiction overrides, e.g. analytics is {@code opt-out} by default
 * and {@code opt-in} in {@code EU}.
 *
 * @param byDefault the basis wherever no override applies
 * @param overrides bases keyed by jurisdiction code ({@code EU}, {@code JP}, {@code US-CA})
 */
public record BasisRule(Basis byDefault, Map<String, Basis> overrides) {

    public BasisRule {
        Objects.requireNonNull(byDefault, "byDefault");
        overrides = Map.copyOf(overrides);
    }

    public static BasisRule of(Basis basis) {
        return new BasisRule(basis, Map.of());
    }

    /** The basis that applies in {@code jurisdiction}, the most specific override first. */
    public Basis in(Jurisdiction jurisdiction) {
        if (!overrides.isEmpty()) {
            for (String code : jurisdiction.lookupChain()) {
                Basis basis = overrides.get(code);
                if (basis != null) {
                    return basis;
                }
            }
        }
        return byDefault;
    }

    /** Whether the basis is {@code necessary} everywhere. */
    public boolean alwaysNecessary() {
        return byDefault == Basis.NECESSARY && overrides.values().stream().allMatch(b -> b == Basis.NECESSARY);
    }
}
