package dev.consent4j.store;

import org.jspecify.annotations.Nullable;

/** A store could not do what was asked; nothing was acknowledged. */
public class ConsentStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsentStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    public ConsentStoreException(String message) {
        super(message);
    }
}
