package dev.consent4j.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The folder's expiry check, which remembers recent days' arithmetic, answers as the plain
 * calendar arithmetic does: the validity added to the choice's date-time in UTC.
 */
class ExpiryTest {

    private static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            ExpiryTest.class.getClassLoader());

    @Property(tries = 3000)
    void outlivedIsTheCalendarArithmetic(@ForAll @IntRange(min = 0, max = 3) int years, @ForAll @IntRange(min = 0, max = 14) int months,
            @ForAll @IntRange(min = 0, max = 40) int days,
            @ForAll @LongRange(min = -100_000_000L, max = 4_000_000_000L) long atSecond, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @LongRange(min = -3 * 86_400L, max = 3 * 86_400L) long offsetFromExpiry) {
        Period validity = Period.of(years, months, days);
        if (validity.isZero()) {
            validity = Period.ofDays(1);
        }
        StateFolder folder = new StateFolder(POLICY, ConsentSettings.builder().maxAge(validity).build());
        Instant at = Instant.ofEpochSecond(atSecond, nanos);
        Instant expiry = at.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        Choice choice = new Choice(Topic.category("analytics"), Action.GRANT, at, POLICY.version(), Actor.Kind.SELF, null);
        // Asked twice: the second answer comes from the remembered day.
        for (Instant now : new Instant[] {expiry.plusSeconds(offsetFromExpiry), expiry, expiry.minusNanos(1), expiry.plusNanos(1)}) {
            boolean expected = !expiry.isAfter(now);
            assertThat(folder.outlived(choice, now)).as("%s + %s at %s", at, validity, now).isEqualTo(expected);
            assertThat(folder.outlived(choice, now)).as("%s + %s at %s, again", at, validity, now).isEqualTo(expected);
        }
    }
}
