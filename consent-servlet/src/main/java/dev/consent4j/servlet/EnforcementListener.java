package dev.consent4j.servlet;

/**
 * Told what the filter did, for metrics and reports. Called on request threads: keep it quick and
 * never throw.
 */
public interface EnforcementListener {

    /** Does nothing. */
    EnforcementListener NONE = new EnforcementListener() {
    };

    /** A {@code Set-Cookie} was dropped because its category is not allowed. */
    default void cookieDropped(String cookieName, String categoryId) {
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
}
