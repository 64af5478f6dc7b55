package dev.consent4j.request;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a person's identity was verified before their request was acted on.
 *
 * @param method     e.g. "logged in", "called back on the phone number on file"
 * @param operatorId the operator who verified; {@code null} when the shop's login did
 */
public record Verification(String method, @Nullable String operatorId) {

    /** The person was logged in to their account when they asked. */
    public static final Verification LOGGED_IN = new Verification("logged in to the customer account", null);

    public Verification {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("say how the identity was verified");
        }
    }

    public static Verification byOperator(String method, String operatorId) {
        return new Verification(method, Objects.requireNonNull(operatorId, "operatorId"));
    }
}
