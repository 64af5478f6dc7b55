package dev.consent4j.request;

import dev.consent4j.policy.Jurisdiction;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When an answer is due, per jurisdiction: APPI asks for "without delay" and sets no day count, so
 * Japan gets an internal target (14 days); the GDPR gives one month (art. 12(3)); the CCPA 45 days.
 * A jurisdiction not listed falls back along its lookup chain ({@code DE} → {@code EU}), then to
 * the default.
 */
public final class RequestDeadlines {

    private final Map<String, Period> periods;
    private final Period fallback;

    private RequestDeadlines(Map<String, Period> periods, Period fallback) {
        this.periods = Map.copyOf(periods);
        this.fallback = fallback;
    }

    /** JP 14 days, EU 1 month, US 45 days, anywhere else 30 days. */
    public static RequestDeadlines defaults() {
        Map<String, Period> periods = new LinkedHashMap<>();
        periods.put("JP", Period.ofDays(14));
        periods.put("EU", Period.ofMonths(1));
        periods.put("US", Period.ofDays(45));
        return new RequestDeadlines(periods, Period.ofDays(30));
    }

    /** These deadlines with {@code jurisdiction}'s set to {@code period}. */
    public RequestDeadlines with(String jurisdiction, Period period) {
        Map<String, Period> copy = new LinkedHashMap<>(periods);
        copy.put(Jurisdiction.of(jurisdiction).code(), requirePositive(period));
        return new RequestDeadlines(copy, fallback);
    }

    /** These deadlines with the fallback set to {@code period}. */
    public RequestDeadlines withDefault(Period period) {
        return new RequestDeadlines(periods, requirePositive(period));
    }

    public Period periodFor(Jurisdiction jurisdiction) {
        for (String code : jurisdiction.lookupChain()) {
            Period period = periods.get(code);
            if (period != null) {
                return period;
            }
        }
        return fallback;
    }

    public Instant dueAt(Instant receivedAt, Jurisdiction jurisdiction) {
        return receivedAt.atOffset(ZoneOffset.UTC).plus(periodFor(jurisdiction)).toInstant();
    }

    private static Period requirePositive(Period period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a deadline must be positive, but was " + period);
        }
        return period;
    }
}
