package dev.consent4j.servlet;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Reading and writing {@code Set-Cookie} header values. */
final class SetCookieHeaders {

    /** The expiry date RFC 6265 suggests for removing a cookie. */
    private static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    private SetCookieHeaders() {
    }

    /** The cookie name at the start of a {@code Set-Cookie} value, or {@code null} when there is none. */
    public static @Nullable String name(@Nullable String setCookie) {
        if (setCookie == null) {
            return null;
        }
        int equals = setCookie.indexOf('=');
        if (equals <= 0) {
            return null;
        }
        int semicolon = setCookie.indexOf(';');
        if (semicolon >= 0 && semicolon < equals) {
            return null;
        }
        String name = setCookie.substring(0, equals).trim();
        return name.isEmpty() ? null : name;
    }

    /** A header value that removes a cookie set on {@code domain} ({@code null}: host-only) and {@code path}. */
    public static String expire(String name, @Nullable String domain, String path) {
        StringBuilder header = new StringBuilder(name.length() + 80);
        header.append(name).append("=; Max-Age=0; Expires=").append(EPOCH).append("; Path=").append(path);
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        return header.toString();
    }

    /**
     * A header value for a cookie with the given attributes. A {@code __Host-} name must be
     * secure, so the caller chooses the name to match {@code secure}.
     */
    public static String cookie(String name, String value, Duration maxAge, boolean secure, boolean httpOnly) {
        StringBuilder header = new StringBuilder(name.length() + value.length() + 64);
        header.append(name).append('=').append(value).append("; Path=/; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        header.append("; SameSite=Lax");
        return header.toString();
    }

    /** Whether a {@code Set-Cookie} value removes its cookie rather than setting it. */
    public static boolean isExpiry(String setCookie) {
        return setCookie.contains("Max-Age=0");
    }
}
