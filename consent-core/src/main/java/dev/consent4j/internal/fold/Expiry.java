package dev.consent4j.internal.fold;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * When a choice lapses under a policy: per validity the policy declares, the periods of grants,
 * member-terms grants and refusals ({@link ConsentSettings#maxAge()} caps grants), each with the
 * expiry days it has worked out for recent days. Thread-safe.
 */
final class Expiry {

    private static final long SECONDS_PER_DAY = 86_400;

    private final Policy policy;
    /** Per validity the policy declares (by identity: they are the policy's own instances), its expiry caches. */
    private final Map<Validity, Lifetimes> lifetimes = new IdentityHashMap<>();

    Expiry(Policy policy, ConsentSettings settings) {
        this.policy = policy;
        Map<Period, ExpiryDays> byPeriod = new HashMap<>();
        List<ValidityRule> rules = new ArrayList<>();
        rules.add(policy.validity());
        for (Purpose purpose : policy.purposes()) {
            if (purpose.validity() != null) {
                rules.add(purpose.validity());
            }
        }
        for (ValidityRule rule : rules) {
            List<Validity> all = new ArrayList<>(rule.overrides().values());
            all.add(rule.byDefault());
            for (Validity validity : all) {
                Period grants = settings.maxAge() != null ? settings.maxAge() : validity.grants();
                lifetimes.put(validity, new Lifetimes(expiry(byPeriod, grants), expiry(byPeriod, validity.refusals()),
                        expiry(byPeriod, validity.memberTermGrants())));
            }
        }
    }

    /**
     * Whether {@code choice} was made longer than its validity before {@code now}: whether
     * {@code now} has reached the choice's time with the period added to its date in UTC (a
     * calendar period: a month after 31 January is 28 or 29 February). The period is that of the
     * topic's validity in {@code where} for the choice's kind — a grant, a member-terms grant or a
     * refusal; an objection, and a kind with no period, never lapse.
     */
    boolean outlived(Choice choice, Jurisdiction where, Instant now) {
        Lifetimes lasting = Objects.requireNonNull(lifetimes.get(policy.validityOf(choice.topic().id()).in(where)),
                "a validity of this policy");
        ExpiryDays expiryDays = switch (choice.action()) {
            case GRANT -> choice.byMemberTerms() ? lasting.memberTermGrants() : lasting.grants();
            case DENY, WITHDRAW -> lasting.refusals();
            default -> null;
        };
        if (expiryDays == null) {
            return false;
        }
        Instant at = choice.at();
        long day = Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
        long expirySecond = expiryDays.of(day) * SECONDS_PER_DAY + Math.floorMod(at.getEpochSecond(), SECONDS_PER_DAY);
        return expirySecond < now.getEpochSecond() || expirySecond == now.getEpochSecond() && at.getNano() <= now.getNano();
    }

    private static @Nullable ExpiryDays expiry(Map<Period, ExpiryDays> byPeriod, @Nullable Period period) {
        return period == null ? null : byPeriod.computeIfAbsent(period, ExpiryDays::new);
    }

    /** The expiry caches of one {@link Validity}; {@code null} where choices of that kind do not lapse. */
    private record Lifetimes(@Nullable ExpiryDays grants, @Nullable ExpiryDays refusals,
            @Nullable ExpiryDays memberTermGrants) {
    }

    /**
     * The day a grant made on a given day (both in UTC epoch days) expires, remembered for recent
     * days: the calendar arithmetic of a {@link Period} costs several objects, and every visitor
     * request asks it for each choice in the cookie.
     */
    private static final class ExpiryDays {
        private static final int SLOTS = 1024;
        private final Period validity;
        /** Per slot, a day and its expiry day packed in one long (so a reader never sees half of one); 0 for none. */
        private final AtomicLongArray slots = new AtomicLongArray(SLOTS);

        ExpiryDays(Period validity) {
            this.validity = validity;
        }

        long of(long day) {
            if (day < 1 || day > Integer.MAX_VALUE) {
                return LocalDate.ofEpochDay(day).plus(validity).toEpochDay(); // outside what is remembered
            }
            int slot = (int) (day & (SLOTS - 1));
            long packed = slots.get(slot);
            if (packed >>> 32 == day) {
                return (int) packed;
            }
            long expiry = LocalDate.ofEpochDay(day).plus(validity).toEpochDay();
            if (expiry > 0 && expiry <= Integer.MAX_VALUE) {
                slots.set(slot, day << 32 | expiry);
            }
            return expiry;
        }
    }
}
