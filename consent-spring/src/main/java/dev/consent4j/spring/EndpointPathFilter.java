package dev.consent4j.spring;

import dev.consent4j.servlet.endpoint.JsonIo;
import dev.consent4j.servlet.endpoint.Problem;
import dev.consent4j.servlet.endpoint.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * In front of the {@link dev.consent4j.servlet.ConsentEndpoints} servlet, ahead of every other
 * filter: answers 400 problem+json when the request's raw path is not the plain path of the
 * servlet the container matched it to ({@link RequestPaths#canonical}), as with
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
        if (!RequestPaths.canonical(request)) {
            JsonIo.problem(response, Problem.badRequest(RequestPaths.NOT_PLAIN));
            return;
        }
        chain.doFilter(request, response);
    }
}
