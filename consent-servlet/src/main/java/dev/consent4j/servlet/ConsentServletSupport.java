package dev.consent4j.servlet;

import dev.consent4j.event.Evidence;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The few pieces of the servlet layer that integrations (the Spring starter, the test kit) and
 * shops recording choices outside the endpoints need, so they behave exactly as the filter and the
 * endpoints do without reaching into their internals.
 */
public final class ConsentServletSupport {

    private ConsentServletSupport() {
    }

    /**
     * Answers 400 problem+json, as the endpoints do, when the request's raw path is not the plain
     * path of the servlet the container matched (empty, {@code .} or {@code ..} segments, path
     * parameters, backslashes or encoded separators).
     *
     * @return {@code true} if the request was refused and the response written
     */
    public static boolean refuseUnplainPath(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (RequestPaths.canonical(request)) {
            return false;
        }
        JsonIo.problem(response, Problem.badRequest(RequestPaths.NOT_PLAIN));
        return true;
    }

    /**
     * The evidence a request gives for a choice recorded by the shop's own code: its user agent and
     * its client's network (never the full address).
     *
     * @param noticeVersion the version of the text the person saw (usually the policy version)
     * @param language      the language it was shown in, or {@code null}
     */
    public static Evidence evidence(HttpServletRequest request, String noticeVersion, @Nullable String language) {
        return RequestEvidence.of(request, noticeVersion, language);
    }

    /** The cookie name a {@code Set-Cookie} header value sets, or {@code null} if it has none. */
    public static @Nullable String setCookieName(String setCookie) {
        return SetCookieHeaders.name(setCookie);
    }

    /** Whether a {@code Set-Cookie} header value removes its cookie ({@code Max-Age=0}) rather than setting it. */
    public static boolean isCookieExpiry(String setCookie) {
        return SetCookieHeaders.isExpiry(setCookie);
    }
}
