package dev.consent4j.policy;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's {@code banner:} section: texts that replace the library's built-in banner wording,
 * per language, and how long the banner leaves a sale/sharing opt-out alone before asking to opt
 * back in, per jurisdiction.
 *
 * @param texts               language → text key ({@link #TEXT_KEYS}) → text
 * @param askAgainAfterOptOut jurisdiction code (or {@code default}) → period
 */
public record BannerSettings(Map<String, Map<String, String>> texts, Map<String, Period> askAgainAfterOptOut) {

    /** The period where the policy names none: the 12 months US state rules ask for. */
    public static final Period DEFAULT_ASK_AGAIN = Period.ofMonths(12);

    /**
     * Every text a policy may override. {@code opt-in}, {@code notice} and {@code us} are the
     * banner's body sentences; {@code {asked}} and {@code {running}} in them stand for the titles of
     * what waits for consent and of what already runs.
     */
    public static final List<String> TEXT_KEYS = List.of("title", "us-title", "opt-in", "notice", "us", "accept-all",
            "reject-all", "choose", "save", "close", "always-on", "gpc-honoured", "opted-out", "saved",
            "disclosure-link", "preferences-title", "trackers", "recipients", "back", "unsubscribe-title",
            "unsubscribe-list", "unsubscribe-confirm", "unsubscribe-done", "unsubscribe-invalid", "guardian-title",
            "guardian-intro", "guardian-grant", "guardian-refuse", "guardian-submit", "guardian-done", "guardian-used",
            "guardian-expired", "guardian-invalid", "guardian-nothing");

    /** The body texts, with the placeholder each one may use. */
    public static final Map<String, List<String>> PLACEHOLDERS = Map.of("opt-in", List.of("{asked}"),
            "notice", List.of("{running}"), "us", List.of("{running}"), "unsubscribe-list", List.of("{list}"),
            "guardian-intro", List.of("{shop}", "{account}"));

    public BannerSettings {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        texts.forEach((language, byKey) -> {
            for (String key : byKey.keySet()) {
                if (!TEXT_KEYS.contains(key)) {
                    throw new IllegalArgumentException("banner text '" + key + "' is not one of " + TEXT_KEYS);
                }
            }
            copy.put(language, Map.copyOf(byKey));
        });
        texts = java.util.Collections.unmodifiableMap(copy);
        askAgainAfterOptOut.forEach((code, period) -> {
            Objects.requireNonNull(period, "period");
            if (period.isNegative()) {
                throw new IllegalArgumentException("askAgainAfterOptOut must not be negative, but was " + period);
            }
        });
        askAgainAfterOptOut = Map.copyOf(askAgainAfterOptOut);
    }

    /** No overrides: the built-in texts and 12 months everywhere. */
    public static BannerSettings defaults() {
        return new BannerSettings(Map.of(), Map.of());
    }

    /** The policy's own text for {@code key} in {@code language}, if it gives one. */
    public Optional<String> text(String language, String key) {
        Map<String, String> byKey = texts.get(language);
        return byKey == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    /** The languages with at least one override. */
    public Set<String> languages() {
        return texts.keySet();
    }

    /**
     * How long after an opt-out of sale, sharing or targeted advertising the banner does not ask
     * again, for {@code jurisdiction}: the most specific code of its lookup chain the policy names,
     * then {@code default}, then {@link #DEFAULT_ASK_AGAIN}.
     */
    public Period askAgainAfterOptOut(Jurisdiction jurisdiction) {
        for (String code : jurisdiction.lookupChain()) {
            Period period = askAgainAfterOptOut.get(code);
            if (period != null) {
                return period;
            }
        }
        return askAgainAfterOptOut.getOrDefault("default", DEFAULT_ASK_AGAIN);
    }
}
