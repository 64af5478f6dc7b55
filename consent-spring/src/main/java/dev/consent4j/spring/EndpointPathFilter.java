package dev.consent4j.spring;

import dev.consent4j.servlet.ConsentServletSupport;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * In front of the {@link dev.consent4j.servlet.ConsentEndpoints} servlet, ahead of every other
 * filter: answers 400 problem+json when the request's raw path is not the plain path of the
 * servlet the container matched it to ({@link ConsentServletSupport#refuseUnplainPath}), as with
 * {@code //consent//state} or {@code /.well-known/gpc.json/../../consent/state}. The container
 * normalises such paths to reach the servlet, but Spring's request path parsing (run by Spring
 * Security for every request) needs the servlet path in the raw path, and fails with a 500
 * otherwise; Spring Security's firewall would refuse the rest with a 400 that is not problem+json.
 */
final class EndpointPathFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ConsentServletSupport.refuseUnplainPath(request, response)) {
            return;
        }
        chain.doFilter(localeSafe(request), response);
    }

    /**
     * The request, or, when the container cannot parse its {@code Accept-Language} (Tomcat throws
     * from {@code getLocale()} past {@code maxLocaleCount}, 10 languages), the request with the
     * server's default locale: Spring's {@code RequestContextFilter} asks every request for its
     * locale and would turn the exception into a 500. The endpoints choose their language from the
     * header themselves.
     */
    static HttpServletRequest localeSafe(HttpServletRequest request) {
        try {
            request.getLocale();
            return request;
        } catch (IllegalArgumentException e) {
            return new HttpServletRequestWrapper(request) {
                @Override
                public Locale getLocale() {
                    return Locale.getDefault();
                }

                @Override
                public Enumeration<Locale> getLocales() {
                    return Collections.enumeration(List.of(Locale.getDefault()));
                }
            };
        }
    }
}
