package dev.consent4j.servlet;

import dev.consent4j.event.SubjectId;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * Finds the logged-in customer a request belongs to, if any. For a customer the stored state is
 * the truth; for an anonymous visitor, the signed consent cookie.
 */
@FunctionalInterface
public interface SubjectResolver {

    /** The request's principal, by name, is the customer (the default). */
    SubjectResolver PRINCIPAL = request -> {
        Principal principal = request.getUserPrincipal();
        return principal == null || principal.getName() == null ? null : SubjectId.customer(principal.getName());
    };

    /** Every request is anonymous: for shops without accounts. */
    SubjectResolver ANONYMOUS = request -> null;

    /**
     * The customer, or {@code null} when the request is anonymous.
     *
     * @throws IllegalArgumentException when the customer id is not valid (the request is then anonymous)
     */
    @Nullable SubjectId customer(HttpServletRequest request);
}
