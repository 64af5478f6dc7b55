package dev.consent4j.servlet;

import dev.consent4j.policy.Policy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Picks the language of a response from {@code ?lang=} or {@code Accept-Language}, among the policy's. */
final class Languages {

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private Languages() {
    }

    /** A query-string parameter, decoded, without touching the request body. */
    static @Nullable String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return java.net.URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw Problem.badRequest(name + " is not correctly URL-encoded");
                }
            }
        }
        return null;
    }

    /**
     * The policy language to answer in.
     *
     * @throws Problem 400 when {@code ?lang=} is not a language tag
     */
    public static String choose(HttpServletRequest request, Policy policy) {
        // From the query string only: getParameter would consume a form body (the one-click POST).
        String requested = queryParameter(request, "lang");
        if (requested != null) {
            if (requested.length() > 35 || !TAG.matcher(requested).matches()) {
                throw Problem.badRequest("lang must be a language tag such as ja or en");
            }
            return policy.language(requested.toLowerCase(Locale.ROOT));
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && header.length() <= 512) {
            String best = null;
            double bestQuality = 0;
            for (String part : header.split(",")) {
                String[] pieces = part.trim().split(";");
                String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
                double quality = 1;
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].trim();
                    if (parameter.startsWith("q=")) {
                        try {
                            quality = Double.parseDouble(parameter.substring(2));
                        } catch (NumberFormatException e) {
                            quality = 0;
                        }
                    }
                }
                String primary = tag.split("-")[0];
                String match = policy.languages().contains(tag) ? tag : policy.languages().contains(primary) ? primary : null;
                if (match != null && quality > bestQuality) {
                    best = match;
                    bestQuality = quality;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return policy.defaultLanguage();
    }
}
