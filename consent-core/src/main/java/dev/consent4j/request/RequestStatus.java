package dev.consent4j.request;

/** Where a personal request stands: received → identity verified → done, or refused with a reason. */
public enum RequestStatus {
    RECEIVED, IDENTITY_VERIFIED, DONE, REFUSED;

    public boolean open() {
        return this == RECEIVED || this == IDENTITY_VERIFIED;
    }
}
