package dev.consent4j.state;

/** Why a decision came out as it did. Every decision carries one; it is what makes them auditable. */
public enum Reason {
    /** The topic is necessary; no choice applies. Allowed. */
    NECESSARY,
    /** The person granted it, and the grant is current. Allowed. */
    GRANTED,
    /** The basis is opt-out and the person has not objected. Allowed. */
    DEFAULT_OPT_OUT,
    /** The basis is opt-in and there is no choice yet. Not allowed. */
    NO_CONSENT,
    /** The person refused when asked. Not allowed. */
    DENIED,
    /** The person withdrew an earlier grant. Not allowed. */
    WITHDRAWN,
    /**
     * The person objected to an opt-out topic — or, on a cookie category, to a sale, sharing or
     * targeted-advertising purpose carried out through it ("Do not sell or share"). Not allowed.
     */
    OBJECTED,
    /** The grant is older than the policy's consent validity. Not allowed until asked again. */
    EXPIRED,
    /** The grant was given under a policy version after which this topic changed. Not allowed. */
    STALE_POLICY,
    /**
     * A Global Privacy Control signal opted the person out of sale, sharing or targeted ads — and
     * of the cookie categories such a purpose is carried out through. Not allowed.
     */
    GPC_SIGNAL,
    /** The person is below the age at which a guardian must consent, and no guardian did. */
    MINOR_WITHOUT_GUARDIAN,
    /**
     * The purpose would be allowed on its own, but a cookie category it is carried out through is
     * not (see {@link dev.consent4j.policy.Purpose#cookieCategories()}). Not allowed.
     */
    CATEGORY_NOT_ALLOWED,
    /**
     * The subject's stored choices could not be read (the store was unavailable or too slow), and
     * no choice the request itself carried (the visitor's consent cookie) speaks to this topic, so
     * it is refused for this request — an opt-out default included. Not allowed.
     */
    STORE_UNAVAILABLE
}
