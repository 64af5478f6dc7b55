package dev.consent4j.spring.web;

import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.spring.RequiresConsent;
import dev.consent4j.state.ConsentState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresConsent}: the handler does not run unless every named topic is allowed. */
public final class ConsentGuardInterceptor implements HandlerInterceptor {

    private final int status;

    public ConsentGuardInterceptor(int status) {
        this.status = status;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresConsent required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresConsent.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresConsent.class);
        }
        if (required == null) {
            return true;
        }
        ConsentState state = ConsentContext.state(request);
        for (String purpose : required.purpose()) {
            if (!state.allows(purpose)) {
                return refuse(response, "purpose:" + purpose, state.purpose(purpose).reason().name());
            }
        }
        for (String category : required.category()) {
            if (!state.categoryAllowed(category)) {
                return refuse(response, "category:" + category, state.category(category).reason().name());
            }
        }
        return true;
    }

    /**
     * Checks every {@link RequiresConsent} on {@code handlers} against the policy, so that a
     * misnamed topic stops the application at start rather than failing each request.
     *
     * @throws IllegalStateException naming the handler, the id and what it is instead
     */
    public static void check(Policy policy, Collection<HandlerMethod> handlers) {
        for (HandlerMethod method : handlers) {
            RequiresConsent required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresConsent.class);
            if (required == null) {
                required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresConsent.class);
            }
            if (required == null) {
                continue;
            }
            String where = "@RequiresConsent on " + method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
            for (String purpose : required.purpose()) {
                if (policy.purpose(purpose).isEmpty()) {
                    throw new IllegalStateException(where + " names purpose '" + purpose + "', which policy "
                            + policy.version() + (policy.cookieCategory(purpose).isPresent()
                                    ? " declares as a cookie category: write category = \"" + purpose + "\""
                                    : " does not declare; its purposes are " + policy.purposes().stream().map(p -> p.id()).toList()));
                }
            }
            for (String category : required.category()) {
                if (policy.cookieCategory(category).isEmpty()) {
                    throw new IllegalStateException(where + " names cookie category '" + category + "', which policy "
                            + policy.version() + (policy.purpose(category).isPresent()
                                    ? " declares as a purpose: write purpose = \"" + category + "\""
                                    : " does not declare; its categories are "
                                            + policy.cookieCategories().stream().map(c -> c.id()).toList()));
                }
            }
        }
    }

    private boolean refuse(HttpServletResponse response, String topic, String reason) throws java.io.IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Consent required\",\"status\":" + status
                + ",\"detail\":\"" + topic + " is not allowed (" + reason + ")\",\"topic\":\"" + topic
                + "\",\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }
}
