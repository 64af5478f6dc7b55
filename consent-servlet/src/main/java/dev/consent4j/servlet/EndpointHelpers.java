package dev.consent4j.servlet;

import dev.consent4j.event.Action;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Policy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small pieces every endpoint class uses: the request's context, method checks, JSON fields and pointers. */
final class EndpointHelpers {

    private EndpointHelpers() {
    }

    static ConsentContext context(HttpServletRequest request) {
        return ConsentContext.find(request).orElseThrow(() -> new IllegalStateException(
                "the consent endpoints need the ConsentFilter in front of them; map it to /* (REQUEST, ERROR, ASYNC)"));
    }

    /** 405 with an {@code Allow} header unless the request's method is one of {@code allowed}; HEAD goes with GET. */
    static void requireMethod(HttpServletRequest request, String... allowed) {
        List<String> methods = new ArrayList<>(allowed.length + 1);
        for (String method : allowed) {
            methods.add(method);
            if (method.equals("GET")) {
                methods.add("HEAD");
            }
        }
        if (!methods.contains(request.getMethod())) {
            throw Problem.methodNotAllowed(methods);
        }
    }

    static @Nullable Action action(@Nullable JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        return switch (node.stringValue()) {
            case "grant" -> Action.GRANT;
            case "deny" -> Action.DENY;
            case "withdraw" -> Action.WITHDRAW;
            case "object" -> Action.OBJECT;
            default -> null;
        };
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * The body's optional {@code language}, one of the policy's, or {@code null} when it has none;
     * anything else is added to {@code errors}.
     */
    static @Nullable String language(JsonNode body, Policy policy, List<Problem.FieldError> errors) {
        JsonNode language = body.get("language");
        if (language == null) {
            return null;
        }
        if (language.isString() && policy.languages().contains(language.stringValue())) {
            return language.stringValue();
        }
        errors.add(new Problem.FieldError("/language", "language is one of the policy's: " + policy.languages()));
        return null;
    }

    /** The topic a choice's key names, or {@code null} after adding to {@code errors} what is wrong at {@code at}. */
    static @Nullable Topic topic(String key, String at, List<Problem.FieldError> errors) {
        try {
            return Topic.parse(key);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(at, "a topic is category:<id>, purpose:<id> or purpose:<id>:<channel>"));
            return null;
        }
    }

    /** A JSON Pointer reference token (RFC 6901). */
    static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
