package dev.consent4j.request;

import dev.consent4j.event.SubjectId;
import java.util.Optional;

/**
 * Decides whether a signed-in person's request counts as verified as it is filed, or must wait
 * for an operator to verify who is asking (for example by a document, or a call back to the
 * number on file). The default trusts the login for every kind of request.
 */
@FunctionalInterface
public interface IdentityVerifier {

    /** The login is enough for every request. */
    IdentityVerifier LOGIN = (subject, kind) -> Optional.of(Verification.LOGGED_IN);

    /**
     * @return how the identity was verified, or empty to leave the request waiting for an operator
     */
    Optional<Verification> verify(SubjectId signedIn, RequestKind kind);
}
