package dev.consent4j.policy;

import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * How long choices on an opt-in topic count before the person is asked again. {@code null} means
 * the choice does not lapse.
 *
 * @param grants          how long a grant counts; after it, the topic is refused as expired
 * @param refusals        how long a refusal (deny or withdraw) is remembered before the person may be
 *                        asked again; the topic stays refused either way; {@code null}: never asked again
 * @param memberTermGrants how long a grant given by accepting member terms
 *                        ({@link dev.consent4j.event.Source#MEMBER_TERMS}) counts; {@code null}: as
 *                        long as the membership, with no silent expiry
 */
public record Validity(@Nullable Period grants, @Nullable Period refusals, @Nullable Period memberTermGrants) {

    public Validity {
        requirePositive(grants, "grants");
        requirePositive(refusals, "refusals");
        requirePositive(memberTermGrants, "memberTermGrants");
    }

    /** Grants count for {@code grants}; refusals and member-terms grants do not lapse. */
    public static Validity grants(@Nullable Period grants) {
        return new Validity(grants, null, null);
    }

    private static void requirePositive(@Nullable Period period, String name) {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, but was " + period);
        }
    }
}
