package dev.consent4j.policy.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed document node that remembers where it was in the file, which Jackson's own tree does
 * not; the binder needs it for error messages.
 */
sealed interface Node {

    int line();

    int column();

    /** A human name for the node's type, for "expected a list but found text". */
    String kindName();

    record ObjectNode(Map<String, Node> fields, Map<String, int[]> keyLocations, int line, int column) implements Node {
        public ObjectNode {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }

    record ArrayNode(List<Node> items, int line, int column) implements Node {
        public ArrayNode {
            items = List.copyOf(items);
        }

        @Override
        public String kindName() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is its text form, {@code type} what the parser saw. */
    record ScalarNode(@Nullable String text, ScalarType type, int line, int column) implements Node {
        @Override
        public String kindName() {
            return switch (type) {
                case STRING -> "text";
                case NUMBER -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "nothing (null)";
            };
        }
    }

    enum ScalarType {
        STRING, NUMBER, BOOLEAN, NULL
    }
}
