package dev.consent4j.store;

/**
 * The store could not be reached, or did not answer in time: the database is down or restarting,
 * the network to it failed, the connection pool gave up waiting for a connection, or a statement
 * timed out. Nothing was acknowledged; the same call may succeed once the store is back, so callers
 * answer "try again later" (the endpoints: {@code 503} with {@code Retry-After}) rather than report
 * a fault in the data.
 *
 * <p>Distinct from its parent, {@link ConsentStoreException}, which reports the data or the schema
 * (an event already stored, a format this version does not read, a missing table): retrying those
 * does not help. The message says what failed without subject ids or SQL; the cause keeps the
 * driver's and the pool's exceptions, with the server's own message, for the logs.
 */
public class StoreUnavailableException extends ConsentStoreException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
