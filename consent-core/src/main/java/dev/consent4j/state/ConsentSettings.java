package dev.consent4j.state;

import dev.consent4j.policy.Jurisdiction;
import java.time.Period;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How choices are folded into decisions, beyond what the policy says.
 *
 * @param gpcHonouredIn       jurisdiction codes where a GPC signal opts out of sale, sharing and
 *                            targeted advertising; {@code US} covers every {@code US-*} state
 * @param maxAge              how long a grant stays valid; {@code null} means the policy's
 *                            consent validity
 * @param carryOver           what happens to a visitor's choices when they log in
 * @param defaultJurisdiction assumed when a caller does not say where the person is
 */
public record ConsentSettings(Set<String> gpcHonouredIn, @Nullable Period maxAge, CarryOver carryOver,
        Jurisdiction defaultJurisdiction) {

    /** What a visitor's choices become when the visitor logs in as a customer. */
    public enum CarryOver {
        /**
         * The default: for each topic the more restrictive choice wins. A visitor's refusal (or GPC
         * objection) replaces a customer's grant; a visitor's grant fills a topic the customer has
         * not decided, but never replaces a customer's refusal.
         */
        RESTRICTIVE,
        /** The visitor's choices fill only topics the customer has not decided. */
        CUSTOMER_FIRST,
        /** Nothing is carried over; only the link itself is recorded. */
        NONE
    }

    public ConsentSettings {
        gpcHonouredIn = Set.copyOf(gpcHonouredIn);
        for (String code : gpcHonouredIn) {
            if (!Jurisdiction.isValidCode(code)) {
                throw new IllegalArgumentException("gpcHonouredIn holds jurisdiction codes such as US or US-CA, but had '" + code + "'");
            }
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive, but was " + maxAge);
        }
        Objects.requireNonNull(carryOver, "carryOver");
        Objects.requireNonNull(defaultJurisdiction, "defaultJurisdiction");
    }

    /** GPC honoured in the US, the policy's validity, restrictive carry-over, jurisdiction unknown. */
    public static ConsentSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().gpcHonouredIn(gpcHonouredIn).maxAge(maxAge).carryOver(carryOver)
                .defaultJurisdiction(defaultJurisdiction);
    }

    /** Whether a GPC signal counts as an opt-out in {@code jurisdiction}. */
    public boolean honoursGpc(Jurisdiction jurisdiction) {
        if (gpcHonouredIn.isEmpty()) {
            return false;
        }
        for (String code : jurisdiction.lookupChain()) {
            if (gpcHonouredIn.contains(code)) {
                return true;
            }
        }
        return false;
    }

    /** Builds {@link ConsentSettings}. */
    public static final class Builder {
        private Set<String> gpcHonouredIn = Set.of("US");
        private @Nullable Period maxAge;
        private CarryOver carryOver = CarryOver.RESTRICTIVE;
        private Jurisdiction defaultJurisdiction = Jurisdiction.UNKNOWN;

        private Builder() {
        }

        public Builder gpcHonouredIn(Set<String> codes) {
            this.gpcHonouredIn = codes;
            return this;
        }

        public Builder maxAge(@Nullable Period maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Builder carryOver(CarryOver carryOver) {
            this.carryOver = carryOver;
            return this;
        }

        public Builder defaultJurisdiction(Jurisdiction jurisdiction) {
            this.defaultJurisdiction = jurisdiction;
            return this;
        }

        public ConsentSettings build() {
            return new ConsentSettings(gpcHonouredIn, maxAge, carryOver, defaultJurisdiction);
        }
    }
}
