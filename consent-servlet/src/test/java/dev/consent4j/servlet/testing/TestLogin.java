package dev.consent4j.servlet.testing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;

/**
 * Stands in for a shop's authentication in the container tests: a request with
 * {@code X-Test-User} gets that user as its principal, and the roles listed in
 * {@code X-Test-Roles} (comma-separated).
 */
public final class TestLogin extends HttpFilter {

    public static final String USER_HEADER = "X-Test-User";
    public static final String ROLES_HEADER = "X-Test-Roles";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = request.getHeader(USER_HEADER);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Principal principal = () -> user;
        String roles = request.getHeader(ROLES_HEADER);
        Set<String> granted = roles == null ? Set.of() : Set.copyOf(Arrays.asList(roles.split("\\s*,\\s*")));
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return granted.contains(role);
            }
        }, response);
    }
}
