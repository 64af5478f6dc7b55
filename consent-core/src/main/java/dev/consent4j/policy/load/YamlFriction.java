package dev.consent4j.policy.load;

import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import dev.consent4j.policy.load.Node.ScalarType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the YAML parser's messages about the commonest slips in a policy file into advice: a text
 * that starts with {@code *} or {@code &} (read as an alias or anchor), and a {@code ": "} or
 * {@code " #"} inside an inline map or list, which ends the text early. Each wants the text quoted.
 */
final class YamlFriction {

    private YamlFriction() {
    }

    /** What to tell the author, and the 1-based column of the text to quote on the error's line. */
    record Advice(String text, int column) {
    }

    /**
     * Advice for a syntax error at {@code line} (1-based) of {@code content}, or {@code null} when
     * the message is not one of the known slips.
     */
    static @Nullable Advice advice(@Nullable String message, byte @Nullable [] content, int line, int column) {
        if (message == null || content == null) {
            return null;
        }
        String text = line(content, line);
        if (message.startsWith("while scanning an alias") || message.startsWith("while scanning an anchor")) {
            char mark = message.contains("alias") ? '*' : '&';
            int start = text.indexOf(mark, Math.max(0, Math.min(column - 1, text.length()) - 1));
            if (start < 0) {
                start = text.indexOf(mark);
            }
            if (start >= 0) {
                String token = token(text, start);
                return new Advice("quote this text: a text that starts with '" + mark + "' must be in quotes, or YAML "
                        + "reads it as " + (mark == '*' ? "a reference to an anchor" : "an anchor") + "; write \"" + token
                        + "\"", start + 1);
            }
        }
        if (message.startsWith("while parsing a flow mapping") || message.startsWith("while parsing a flow sequence")) {
            int end = Math.min(Math.max(column - 1, 0), text.length());
            int open = Math.max(text.lastIndexOf('{', end), text.lastIndexOf('['));
            int from = Math.max(Math.max(text.lastIndexOf(", ", end - 1) + 2, open + 1), 0);
            if (open >= 0 && from < text.length()) {
                String part = text.substring(from).replaceAll("[}\\]\\s]+$", "").strip();
                int colon = message.contains("flow mapping") ? part.indexOf(": ") : -1;
                String key = colon < 0 ? "" : part.substring(0, colon + 2);
                String value = colon < 0 ? part : part.substring(colon + 2);
                return new Advice("quote this text: inside {…} or […] a ': ', ' #' or ',' ends a text early, so the part "
                        + "after it was read as something else; write " + key + "\"" + value.replace("\"", "\\\"") + "\"",
                        from + key.length() + 1);
            }
        }
        return null;
    }

    /** A reminder for a key with no value inside an inline map: most often a text cut at an unquoted comma. */
    /** A key written with no value, as a text cut at an unquoted comma leaves it ({@code {ja: a, b}}). */
    static boolean noValue(@Nullable Node node) {
        return node instanceof ScalarNode s && (s.type() == ScalarType.NULL || s.type() == ScalarType.STRING && "".equals(s.text()));
    }

    /** Advice for {@code key} of {@code object}, which has no value: the text before it was cut at a comma. */
    static String cutAtComma(ObjectNode object, String key) {
        Map.Entry<String, Node> before = null;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            if (entry.getKey().equals(key)) {
                return cutAtComma(before == null ? null : before.getKey(),
                        before != null && before.getValue() instanceof ScalarNode b ? b.text() : null, key);
            }
            before = entry;
        }
        return cutAtComma(null, null, key);
    }

    private static String cutAtComma(@Nullable String previousKey, @Nullable String previousText, String key) {
        String cut = "quote this text: an unquoted ',' inside {…} ends a text, so '" + key + "' was read as a key of its own; ";
        if (previousText == null) {
            return cut + "put the text that holds the comma in double quotes";
        }
        return cut + "write " + previousKey + ": \"" + (previousText + ", " + key).replace("\"", "\\\"") + "\"";
    }

    private static String token(String text, int start) {
        int end = start + 1;
        while (end < text.length() && ",]} \t".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(start, end);
    }

    private static String line(byte[] content, int line) {
        String all = new String(content, StandardCharsets.UTF_8);
        String[] lines = all.split("\r\n|\r|\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
