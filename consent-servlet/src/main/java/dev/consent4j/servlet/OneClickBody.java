package dev.consent4j.servlet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the RFC 8058 one-click body, {@code List-Unsubscribe=One-Click}, sent as
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. Parsed here rather than
 * with {@code getParameter}, which would need multipart configuration on the servlet and would
 * also read the query string.
 */
final class OneClickBody {

    private OneClickBody() {
    }

    public static boolean isOneClick(String contentType, byte[] body) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                try {
                    String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).trim();
                    String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).trim();
                    if (name.equals("List-Unsubscribe") && value.equals("One-Click")) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            return false;
        }
        if (type.startsWith("multipart/form-data")) {
            String boundary = boundary(contentType);
            if (boundary == null) {
                return false;
            }
            for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
                int headersEnd = part.indexOf("\r\n\r\n");
                if (headersEnd < 0) {
                    continue;
                }
                String headers = part.substring(0, headersEnd).toLowerCase(Locale.ROOT);
                String value = part.substring(headersEnd + 4);
                if (value.endsWith("\r\n")) {
                    value = value.substring(0, value.length() - 2);
                }
                if (headers.contains("name=\"list-unsubscribe\"") && value.trim().equals("One-Click")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String boundary = trimmed.substring("boundary=".length());
                if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
                return boundary.isEmpty() || boundary.length() > 70 ? null : boundary;
            }
        }
        return null;
    }
}
