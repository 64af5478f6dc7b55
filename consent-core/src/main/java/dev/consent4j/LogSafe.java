package dev.consent4j;

import org.jspecify.annotations.Nullable;

/**
 * Makes a value from a request safe to quote in a log line or an exception message: every control
 * character (CR, LF, TAB, ESC, DEL, the C1 range, and the Unicode line and paragraph separators) is
 * written as a backslash, {@code u} and four hex digits, so a forged value cannot start a new log line or drive a terminal, and
 * the result is cut to {@link #MAX_LENGTH} characters, so a long value cannot flood the log.
 *
 * <p>Use it wherever a message repeats what a caller sent:
 * {@code "… but was " + LogSafe.quote(value)}.
 */
public final class LogSafe {

    /** The most characters of a value a message repeats; longer values end in {@code …}. */
    public static final int MAX_LENGTH = 80;

    private LogSafe() {
    }

    /** The value between single quotes, escaped and cut; {@code null} for null. */
    public static String quote(@Nullable Object value) {
        return value == null ? "null" : "'" + text(value) + "'";
    }

    /** The value's string form, escaped and cut, without quotes; {@code null} for null. */
    public static String text(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        int end = Math.min(text.length(), MAX_LENGTH);
        // Do not split a surrogate pair at the cut.
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < text.length()) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
