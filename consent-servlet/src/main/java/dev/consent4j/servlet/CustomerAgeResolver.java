package dev.consent4j.servlet;

import dev.consent4j.event.SubjectId;
import dev.consent4j.state.AgeBand;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Tells the filter the age of a signed-in customer — a birth date or an age band from the
 * shop's account data — so the policy's minors rules apply on every request, not only where the
 * shop's own code passes an age. Asked once per request of a signed-in customer, on the request's
 * thread, before the stored state is read; keep it cheap (the account is usually in the session).
 */
@FunctionalInterface
public interface CustomerAgeResolver {

    /** Nothing is known of any customer's age (the default): minors rules apply only where code passes an age. */
    CustomerAgeResolver NONE = (customer, request) -> null;

    /**
     * The customer's age, or {@code null} when the shop does not know it. Use
     * {@link AgeBand#bornOn} for a birth date and {@link AgeBand#between} for a band.
     */
    @Nullable AgeBand age(SubjectId customer, HttpServletRequest request);
}
