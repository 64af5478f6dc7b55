package dev.consent4j.servlet;

import java.util.Optional;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.Reason;

/**
 * Told what the filter and the endpoints did, for metrics and reports. Called on request threads:
 * keep it quick. A throw is caught and logged (at most once a minute per kind); it never fails
 * the request.
 */
public interface EnforcementListener {

    /** Does nothing. */
    EnforcementListener NONE = new EnforcementListener() {
    };

    /**
     * A {@code Set-Cookie} was dropped because its category is not allowed.
     *
     * @param reason why the category is not allowed: the decision's reason (no consent yet, denied,
     *               withdrawn, a GPC signal…)
     */
    default void cookieDropped(String cookieName, String categoryId, Reason reason) {
    }

    /** A {@code Set-Cookie} named a cookie the policy does not declare (dropped only in BLOCK mode). */
    default void undeclaredCookie(String cookieName, boolean dropped) {
    }

    /** A refused cookie the browser sent was expired. */
    default void cookieExpired(String cookieName, String categoryId) {
    }

    /**
     * {@code count} refused cookies the browser sent were left for later requests: expiring them
     * too would have passed the response's expiry limits.
     */
    default void expiriesDeferred(int count) {
    }

    /**
     * A signed-in customer's request got the fail-closed state: the store failed or did not answer
     * within the filter's store timeout.
     */
    default void storeUnavailable() {
    }

    /**
     * A request carried {@code Sec-GPC: 1} from a jurisdiction where the signal is honoured, so it
     * was applied to the request's decisions. Told once per request (not again for its error or
     * async dispatches).
     *
     * @param customer whether a signed-in customer sent it (their opt-out is also recorded, once
     *                 per policy version) rather than a visitor (applied per request, never stored)
     */
    default void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
    }

    /** The banner's choices were recorded, and its request said which button was used. */
    default void bannerOutcome(BannerOutcome outcome) {
    }

    /**
     * Which answer a shopper gave the banner, as its {@code POST {base}/choices} says in the optional
     * {@code outcome} field: the rates of the three are what a shop watches to see that its banner
     * offers a real choice.
     */
    public enum BannerOutcome {
        /** "Accept all" ({@code "all": "grant"}). */
        ACCEPT_ALL("accept-all"),
        /** "Reject all" ({@code "all": "deny"}). */
        REJECT_ALL("reject-all"),
        /** Saved from the preference centre opened from the banner ({@code "choices"}). */
        CUSTOM("custom");

        private final String value;

        BannerOutcome(String value) {
            this.value = value;
        }

        /** The spelling in requests and metrics, e.g. {@code accept-all}. */
        public String value() {
            return value;
        }

        /** The outcome spelled {@code value}, if it is one. */
        public static Optional<BannerOutcome> of(String value) {
            for (BannerOutcome outcome : values()) {
                if (outcome.value.equals(value)) {
                    return Optional.of(outcome);
                }
            }
            return Optional.empty();
        }
    }
}
