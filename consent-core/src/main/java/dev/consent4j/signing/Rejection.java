package dev.consent4j.signing;

/** Why a signed value (the consent cookie, an unsubscribe token) was not trusted. Such a value counts as absent. */
public enum Rejection {
    /** Not in the shape {@code <format>.<key id>.<payload>.<signature>}, or bad Base64. */
    MALFORMED,
    /** Longer than any value this library issues. */
    TOO_LARGE,
    /** A format number this version does not read. */
    UNKNOWN_FORMAT,
    /** Signed under a key that is not (or no longer) configured. */
    UNKNOWN_KEY,
    /** The signature does not match: changed, truncated or forged. */
    BAD_SIGNATURE,
    /** Signed, but its content cannot be read (a bug or a key leak; worth a look). */
    UNREADABLE,
    /** Older than its lifetime. */
    EXPIRED,
    /** Made later than now, beyond the allowed clock skew. */
    FROM_THE_FUTURE
}
