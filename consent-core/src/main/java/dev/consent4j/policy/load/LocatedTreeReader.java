package dev.consent4j.policy.load;

import dev.consent4j.policy.load.Node.ArrayNode;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import dev.consent4j.policy.load.Node.ScalarType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/** Reads YAML or JSON into {@link Node}s with their locations, reporting duplicate keys. */
final class LocatedTreeReader {

    private static final int MAX_DEPTH = 64;

    private static final TokenStreamFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final TokenStreamFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final Problems problems;
    private final byte @Nullable [] content;

    LocatedTreeReader(Problems problems) {
        this(problems, null);
    }

    /** A reader that can quote {@code content}, the document's bytes, when advising on a syntax error. */
    LocatedTreeReader(Problems problems, byte @Nullable [] content) {
        this.problems = problems;
        this.content = content;
    }

    /** The document's root, or {@code null} after reporting a syntax error. */
    @Nullable Node read(InputStream input, boolean yaml) {
        try (JsonParser parser = (yaml ? YAML : JSON).createParser(ObjectReadContext.empty(), input)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.error("", 1, 1, "the file is empty");
                return null;
            }
            Node root = readValue(parser, "");
            if (!yaml && parser.nextToken() != null) {
                TokenStreamLocation at = parser.currentTokenLocation();
                problems.error("", at.getLineNr(), at.getColumnNr(), "unexpected content after the end of the document");
            }
            return root;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            int cut = message == null ? -1 : message.indexOf('\n');
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            YamlFriction.Advice advice = yaml ? YamlFriction.advice(message, content, line, column) : null;
            problems.error("", line, advice == null ? column : advice.column(), "not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + (cut < 0 ? message : message.substring(0, cut)) + (advice == null ? "" : "; " + advice.text()));
            return null;
        }
    }

    private Node readValue(JsonParser parser, String path) {
        TokenStreamLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> fields = new LinkedHashMap<>();
                Map<String, int[]> keyLocations = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    TokenStreamLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    String childPath = PathNames.child(path, key);
                    Node value = readValue(parser, childPath);
                    if (fields.containsKey(key)) {
                        problems.error(childPath, keyAt.getLineNr(), keyAt.getColumnNr(),
                                "duplicate key '" + key + "'; each key may appear once");
                        continue;
                    }
                    fields.put(key, value);
                    keyLocations.put(key, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                }
                return new ObjectNode(fields, keyLocations, line, column);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, path + "[" + items.size() + "]"));
                }
                return new ArrayNode(items, line, column);
            }
            case VALUE_STRING:
                return new ScalarNode(parser.getString(), ScalarType.STRING, line, column);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(parser.getString(), ScalarType.NUMBER, line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(parser.getString(), ScalarType.BOOLEAN, line, column);
            case VALUE_NULL:
                return new ScalarNode(null, ScalarType.NULL, line, column);
            default:
                // Embedded objects (YAML binary) and the like have no place in a policy.
                return new ScalarNode(parser.getString(), ScalarType.STRING, line, column);
        }
    }
}
