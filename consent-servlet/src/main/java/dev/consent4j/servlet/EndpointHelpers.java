package dev.consent4j.servlet;

import dev.consent4j.event.Action;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small pieces every endpoint class uses: the request's context, method checks, JSON pointers, escaping. */
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

    /** A JSON Pointer reference token (RFC 6901). */
    static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** For element content and quoted attribute values. */
    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
