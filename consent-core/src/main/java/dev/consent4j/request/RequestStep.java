package dev.consent4j.request;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a request's status, kept forever with the request.
 *
 * @param operatorId who acted; {@code null} when the person acted themselves (or the system did)
 * @param note       how identity was verified, what was done, or why the request was refused
 */
public record RequestStep(RequestStatus status, Instant at, @Nullable String operatorId, @Nullable String note) {

    public RequestStep {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
