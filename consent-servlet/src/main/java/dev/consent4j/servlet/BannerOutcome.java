package dev.consent4j.servlet;

import java.util.Optional;

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
