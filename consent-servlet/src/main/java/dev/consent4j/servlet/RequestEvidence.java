package dev.consent4j.servlet;

import dev.consent4j.event.Evidence;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** The evidence a request gives for a choice: user agent and the client's network, never its full address. */
final class RequestEvidence {

    private RequestEvidence() {
    }

    /**
     * @param noticeVersion the version of the text the person saw (usually the policy version)
     * @param language      the language it was shown in, or {@code null}
     */
    public static Evidence of(HttpServletRequest request, String noticeVersion, @Nullable String language) {
        // getRemoteAddr is the proxy's address unless the container is told to trust forwarded
        // headers; the raw address is truncated here and never kept.
        return Evidence.of(noticeVersion, language, request.getHeader("User-Agent"), request.getRemoteAddr());
    }
}
