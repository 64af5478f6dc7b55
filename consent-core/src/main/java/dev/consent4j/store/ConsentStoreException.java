package dev.consent4j.store;

/** A store could not do what was asked; nothing was acknowledged. */
public class ConsentStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsentStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConsentStoreException(String message) {
        super(message);
    }
}
