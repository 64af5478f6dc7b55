package dev.consent4j.request;

/** What a person may ask of the shop about their data (APPI arts. 32–35, GDPR arts. 15–21, CCPA). */
public enum RequestKind {
    /** The purposes the shop uses the person's data for (APPI art. 32(2)). */
    PURPOSE_NOTICE(true),
    /** Their data, electronically, as JSON (APPI art. 33, GDPR art. 15). */
    DISCLOSURE(true),
    /** Correct a consent record: a new event supersedes the wrong one, which stays readable (art. 34). */
    CORRECTION(false),
    /** Stop using their data for the named purposes (art. 35). */
    STOP_USE(true),
    /** Erase what is not needed as proof; says what is kept and why (art. 35, GDPR art. 17). */
    ERASURE(false),
    /** Stop giving their data to third parties, all or the named ones (art. 35(3)). */
    STOP_PROVISION(true),
    /** The records of provision to third parties concerning them (art. 33(5)). */
    PROVISION_RECORDS(true);

    private final boolean automatic;

    RequestKind(boolean automatic) {
        this.automatic = automatic;
    }

    /**
     * Whether the request is carried out as soon as the person's identity is verified; the others
     * wait for an operator, who has to investigate (a correction) or weigh the grounds (an erasure).
     */
    public boolean automatic() {
        return automatic;
    }
}
