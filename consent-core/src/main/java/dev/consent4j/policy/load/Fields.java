package dev.consent4j.policy.load;

import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.load.Node.ArrayNode;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import dev.consent4j.policy.load.Node.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one mapping in a policy file, reporting every problem (wrong type, missing
 * required field, unknown key) with its path and location instead of stopping at the first.
 */
final class Fields {

    private final ObjectNode node;
    private final String path;
    private final Problems problems;
    private final List<String> languages;

    private Fields(ObjectNode node, String path, Problems problems, List<String> languages) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.languages = languages;
    }

    /**
     * The mapping at {@code path}, or {@code null} (after reporting) when the node is not one.
     * Keys outside {@code allowed} are reported, with a suggestion when one is close.
     */
    static Fields of(Node node, String path, Problems problems, List<String> languages, Set<String> allowed) {
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, "expected a mapping (key: value pairs) but found " + node.kindName());
            return null;
        }
        for (Map.Entry<String, int[]> key : object.keyLocations().entrySet()) {
            if (!allowed.contains(key.getKey())) {
                String suggestion = Suggestions.closest(key.getKey(), allowed);
                String message = "unknown key '" + key.getKey() + "'"
                        + (suggestion == null ? "; allowed keys are " + String.join(", ", sorted(allowed))
                                : "; did you mean '" + suggestion + "'?");
                if (suggestion == null && noValue(object.fields().get(key.getKey()))) {
                    Map.Entry<String, Node> before = entryBefore(object, key.getKey());
                    message = "'" + key.getKey() + "' has no value; " + YamlFriction.cutAtComma(
                            before == null ? null : before.getKey(),
                            before != null && before.getValue() instanceof ScalarNode b ? b.text() : null, key.getKey());
                }
                problems.error(PathNames.child(path, key.getKey()), key.getValue()[0], key.getValue()[1], message);
            }
        }
        return new Fields(object, path, problems, languages);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return PathNames.child(path, key);
    }

    Node node() {
        return node;
    }

    /** The node under {@code key}, or the mapping itself when absent (for locating errors). */
    Node at(String key) {
        Node child = node.fields().get(key);
        return child == null ? node : child;
    }

    boolean has(String key) {
        Node child = node.fields().get(key);
        return child != null && !(child instanceof ScalarNode s && s.type() == ScalarType.NULL);
    }

    Problems problems() {
        return problems;
    }

    List<String> languages() {
        return languages;
    }

    /** A scalar's text; reports a missing required field or a non-scalar. */
    String text(String key, boolean required) {
        Node child = node.fields().get(key);
        if (child == null || child instanceof ScalarNode s && s.type() == ScalarType.NULL) {
            if (required) {
                problems.error(path(key), node, "required field '" + key + "' is missing");
            }
            return null;
        }
        if (!(child instanceof ScalarNode scalar)) {
            problems.error(path(key), child, "expected text but found " + child.kindName());
            return null;
        }
        if (scalar.text().isBlank()) {
            problems.error(path(key), child, "'" + key + "' must not be blank");
            return null;
        }
        return scalar.text().trim();
    }

    /** A true/false field; absent means {@code false}. */
    boolean flag(String key) {
        Node child = node.fields().get(key);
        if (child == null) {
            return false;
        }
        if (child instanceof ScalarNode scalar && scalar.type() == ScalarType.BOOLEAN) {
            return Boolean.parseBoolean(scalar.text());
        }
        problems.error(path(key), child, "expected true or false but found " + describe(child));
        return false;
    }

    /** A list of texts; absent means empty. A single text is reported, not silently wrapped. */
    List<String> texts(String key) {
        Node child = node.fields().get(key);
        if (child == null || child instanceof ScalarNode s && s.type() == ScalarType.NULL) {
            return List.of();
        }
        if (!(child instanceof ArrayNode array)) {
            problems.error(path(key), child, "expected a list but found " + describe(child)
                    + (child instanceof ScalarNode ? "; write [" + ((ScalarNode) child).text() + "]" : ""));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            Node item = array.items().get(i);
            if (item instanceof ScalarNode scalar && scalar.type() != ScalarType.NULL && !scalar.text().isBlank()) {
                values.add(scalar.text().trim());
            } else {
                problems.error(PathNames.item(path(key), i), item, "expected text but found " + describe(item));
            }
        }
        return values;
    }

    /** A list of mappings; absent means empty. */
    List<Node> list(String key) {
        Node child = node.fields().get(key);
        if (child == null || child instanceof ScalarNode s && s.type() == ScalarType.NULL) {
            return List.of();
        }
        if (!(child instanceof ArrayNode array)) {
            problems.error(path(key), child, "expected a list but found " + describe(child));
            return List.of();
        }
        return array.items();
    }

    /** A nested mapping, or {@code null} when absent (reported if required) or malformed. */
    Fields object(String key, boolean required, Set<String> allowed) {
        Node child = node.fields().get(key);
        if (child == null || child instanceof ScalarNode s && s.type() == ScalarType.NULL) {
            if (required) {
                problems.error(path(key), node, "required field '" + key + "' is missing");
            }
            return null;
        }
        return of(child, path(key), problems, languages, allowed);
    }

    /**
     * A text per language, written as {@code {ja: …, en: …}}. Every policy language must be
     * present; a language the policy does not declare is reported.
     */
    LocalizedText localized(String key, boolean required) {
        Node child = node.fields().get(key);
        if (child == null || child instanceof ScalarNode s && s.type() == ScalarType.NULL) {
            if (required) {
                problems.error(path(key), node, "required field '" + key + "' is missing; give it as {"
                        + String.join(": …, ", languages) + ": …}");
            }
            return null;
        }
        return localizedValue(child, path(key));
    }

    LocalizedText localizedValue(Node child, String at) {
        if (child instanceof ScalarNode scalar && languages.size() == 1 && scalar.type() == ScalarType.STRING) {
            return LocalizedText.of(languages.get(0), scalar.text());
        }
        if (!(child instanceof ObjectNode object)) {
            problems.error(at, child, "expected a text per language, e.g. {" + String.join(": …, ", languages)
                    + ": …}, but found " + describe(child));
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map.Entry<String, Node> previous = null;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            Map.Entry<String, Node> before = previous;
            previous = entry;
            String language = entry.getKey();
            String textPath = PathNames.child(at, language);
            if (!languages.contains(language) && noValue(entry.getValue())) {
                int[] where = object.keyLocations().get(language);
                problems.error(textPath, where == null ? child.line() : where[0], where == null ? child.column() : where[1],
                        "'" + language + "' is no language of the policy and has no text; " + YamlFriction.cutAtComma(
                                before == null ? null : before.getKey(),
                                before != null && before.getValue() instanceof ScalarNode b ? b.text() : null, language));
                continue;
            }
            if (!languages.contains(language)) {
                problems.error(textPath, entry.getValue(), "language '" + language
                        + "' is not one of the policy's languages " + languages);
                continue;
            }
            if (entry.getValue() instanceof ScalarNode scalar && scalar.type() != ScalarType.NULL
                    && !scalar.text().isBlank()) {
                values.put(language, scalar.text().trim());
            } else {
                problems.error(textPath, entry.getValue(), "expected text but found " + describe(entry.getValue()));
            }
        }
        for (String language : languages) {
            if (!object.fields().containsKey(language)) {
                problems.error(PathNames.child(at, language), child, "the '" + language + "' text is missing");
            }
        }
        return new LocalizedText(values);
    }

    /** A key written with no value, as a text cut at an unquoted comma leaves it ({@code {ja: a, b}}). */
    private static boolean noValue(Node node) {
        return node instanceof ScalarNode s && (s.type() == ScalarType.NULL || s.type() == ScalarType.STRING && s.text().isEmpty());
    }

    private static Map.Entry<String, Node> entryBefore(ObjectNode object, String key) {
        Map.Entry<String, Node> before = null;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            if (entry.getKey().equals(key)) {
                return before;
            }
            before = entry;
        }
        return null;
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode scalar && scalar.type() != ScalarType.NULL) {
            return node.kindName() + " '" + scalar.text() + "'";
        }
        return node.kindName();
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
