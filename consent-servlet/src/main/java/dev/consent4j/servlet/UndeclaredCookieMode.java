package dev.consent4j.servlet;

/** What the filter does with a {@code Set-Cookie} for a cookie no category of the policy declares. */
public enum UndeclaredCookieMode {
    /** Let it through silently. */
    ALLOW,
    /** Let it through and report the name once (the default): the policy is missing a declaration. */
    REPORT,
    /** Drop it, and report the name once. */
    BLOCK
}
