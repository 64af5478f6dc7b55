package dev.consent4j.spring;

import dev.consent4j.servlet.endpoint.JsonIo;
import dev.consent4j.servlet.endpoint.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * In front of the {@link dev.consent4j.servlet.ConsentEndpoints} servlet, ahead of every other
 * filter: answers 400 when the request's raw path does not begin with the context and servlet path
 * the container matched it to, as with {@code //consent//state} or
 * {@code /.well-known/gpc.json/../../consent/state}. The container normalises such paths to reach
 * the servlet, but Spring's request path parsing (run by Spring Security for every request) needs
 * the servlet path in the raw path, and fails with a 500 otherwise.
 */
final class EndpointPathFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!canonical(request)) {
            JsonIo.problem(response, Problem.badRequest(
                    "the path has empty, '.' or '..' segments or path parameters; send it in its plain form"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the raw path starts with the encoded context and servlet path, at a segment boundary. */
    static boolean canonical(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String prefix = encodePath(request.getContextPath() + request.getServletPath());
        if (uri == null || !uri.startsWith(prefix)) {
            return false;
        }
        return uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/' || prefix.endsWith("/");
    }

    /** Percent-encodes what may not appear in a path as is (RFC 3986 {@code pchar} and {@code /} stay). */
    static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
