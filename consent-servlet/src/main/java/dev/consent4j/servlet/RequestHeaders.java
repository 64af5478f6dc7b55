package dev.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the filter reads from request headers, written for the hot path: the {@code Cookie}
 * header is scanned for the one value needed instead of being split into a map.
 */
final class RequestHeaders {

    private RequestHeaders() {
    }

    /** The value of the first cookie named {@code name}, or {@code null}. */
    public static @Nullable String cookie(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            String value = cookie(headers.nextElement(), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The value of the first cookie named {@code name} in one {@code Cookie} header, or {@code null}. */
    public static @Nullable String cookie(String header, String name) {
        int length = header.length();
        int start = 0;
        while (start < length) {
            while (start < length && (header.charAt(start) == ' ' || header.charAt(start) == ';')) {
                start++;
            }
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int equals = header.indexOf('=', start);
            if (equals > start && equals < end && equals - start == name.length() && header.startsWith(name, start)) {
                String value = header.substring(equals + 1, end).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
            start = end + 1;
        }
        return null;
    }

    /** The names of every cookie the browser sent, in order, possibly with repeats. */
    public static List<String> cookieNames(HttpServletRequest request) {
        List<String> names = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            int length = header.length();
            int start = 0;
            while (start < length) {
                int end = header.indexOf(';', start);
                if (end < 0) {
                    end = length;
                }
                int equals = header.indexOf('=', start);
                int nameEnd = equals >= 0 && equals < end ? equals : end;
                int from = start;
                while (from < nameEnd && header.charAt(from) <= ' ') {
                    from++;
                }
                int to = nameEnd;
                while (to > from && header.charAt(to - 1) <= ' ') {
                    to--;
                }
                if (to > from) {
                    names.add(header.substring(from, to));
                }
                start = end + 1;
            }
        }
        return names;
    }

    /**
     * Whether the request carries Global Privacy Control: some {@code Sec-GPC} header is exactly
     * {@code 1}. Any other value counts as no signal (W3C GPC).
     */
    public static boolean gpc(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Sec-GPC");
        while (headers != null && headers.hasMoreElements()) {
            String value = headers.nextElement();
            if (value != null && value.trim().equals("1")) {
                return true;
            }
        }
        return false;
    }
}
