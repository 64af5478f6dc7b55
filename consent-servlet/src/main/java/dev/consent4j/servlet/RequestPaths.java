package dev.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/**
 * Whether a request reached the endpoints by their plain path. Containers normalise odd spellings
 * ({@code //consent//state}, {@code /consent/x/../state}, {@code /consent/state;x=1},
 * {@code /consent/%2e/state}) before mapping them, each a little differently, so such a request can
 * reach a servlet its raw path does not name; filters that match the raw path (Spring Security's)
 * then disagree with the container about where it goes. The endpoints answer such requests 400.
 */
final class RequestPaths {

    /** The detail of the 400 answered for a path that is not plain. */
    public static final String NOT_PLAIN = "the path has empty, '.' or '..' segments, path parameters, backslashes or"
            + " encoded separators or control characters; send it in its plain form";

    private RequestPaths() {
    }

    /**
     * Whether the raw path starts with the encoded context and servlet path, at a segment boundary,
     * and is plain: no empty, {@code .} or {@code ..} segment, no path parameter ({@code ;}), no
     * backslash, and nothing percent-encoded that decodes to a separator ({@code / \ ; .}), a
     * {@code %} or a control character.
     */
    public static boolean canonical(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String prefix = encodePath(request.getContextPath() + request.getServletPath());
        if (uri == null || !uri.startsWith(prefix)) {
            return false;
        }
        boolean boundary = uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/' || prefix.endsWith("/");
        return boundary && plain(uri);
    }

    static boolean plain(String path) {
        if (path.contains("//") || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
            if (c == '%') {
                int value = i + 2 < path.length() ? hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2)) : -1;
                if (value < 0x20 || value == 0x7f || "/\\;.%".indexOf(value) >= 0) {
                    return false;
                }
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -0x1000 : digit;
    }

    /** Percent-encodes what may not appear in a path as is (RFC 3986 {@code pchar} and {@code /} stay). */
    public static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
