package dev.consent4j.event;

/** The screen or channel through which a consent event arrived. */
public enum Source {
    BANNER,
    PREFERENCE_CENTRE,
    ACCOUNT_PAGE,
    ONE_CLICK_UNSUBSCRIBE,
    CALL_CENTRE,
    IMPORT,
    GPC_SIGNAL,
    /** The "Do Not Sell or Share My Personal Information" link, used without an account. */
    DO_NOT_SELL_LINK,
    /** A personal request (disclosure, stop of use, stop of provision) handled by the shop. */
    REQUEST,
    /** The shop's own code, through the API. */
    API,
    /** Carried over from a visitor to a customer at login. */
    LOGIN_LINK,
    /**
     * Given by accepting member terms (a sign-up screen whose terms include the purpose). Such a
     * grant lasts as long as the policy's member-terms validity says, by default with no expiry.
     */
    MEMBER_TERMS,
    /** Given by a guardian for a minor, through the guardian-consent endpoint or API. */
    GUARDIAN_CONSENT
}
