package dev.consent4j.state;

/** Why a decision came out as it did. Every decision carries one; it is what makes them auditable. */
public enum Reason {
    /** The topic is necessary; no choice applies. Allowed. */
    NECESSARY,
    /** The person granted it, and the grant is current. Allowed. */
    GRANTED,
    /** The basis is opt-out and the person has not objected. Allowed. */
    DEFAULT_OPT_OUT,
    /**
     * The basis is opt-in — or opt-out, for a minor below a minors rule's opt-in age — and there is
     * no choice yet. Not allowed.
     */
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
    /**
     * The grant is older than its validity (the purpose's or the policy's, in the person's
     * jurisdiction) — or a refusal is older than the period for which the policy remembers
     * refusals, so the person may be asked again. Not allowed until asked again.
     */
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
     * The purpose is notice-only: it needs no choice and is used as the policy states, until the
     * person asks to stop. Allowed.
     */
    NOTICE_ONLY,
    /** The person asked to stop the use of a notice-only purpose (利用停止), and it was stopped. Not allowed. */
    USE_STOPPED,
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
