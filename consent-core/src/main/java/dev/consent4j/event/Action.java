package dev.consent4j.event;

/** What a consent event records. */
public enum Action {
    /** The person agreed. */
    GRANT,
    /** The person refused when asked. */
    DENY,
    /** The person took back an earlier grant. */
    WITHDRAW,
    /** The person objected to an opt-out purpose (or a GPC signal did so for them). */
    OBJECT,
    /** A visitor was linked to a customer at login; the event's subject is the customer. */
    LINK;

    /** Whether the action leaves the topic allowed. */
    public boolean allows() {
        return this == GRANT;
    }
}
