package dev.consent4j.policy.load;

import dev.consent4j.internal.match.HostMatcher;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.load.Node.ArrayNode;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import dev.consent4j.policy.load.Node.ScalarType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one mapping in a policy file, reporting every problem (wrong type, missing
 * required field, unknown key) with its path and location instead of stopping at the first.
 */
final class Fields {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VAGUE_ENDING = Pattern.compile(".*(等|など|etc\\.?|and so on)\\s*$",
            Pattern.CASE_INSENSITIVE);

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
    static @Nullable Fields of(Node node, String path, Problems problems, List<String> languages, Set<String> allowed) {
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, "expected a mapping (key: value pairs) but found " + node.kindName());
            return null;
        }
        for (Map.Entry<String, int[]> key : object.keyLocations().entrySet()) {
            if (!allowed.contains(key.getKey())) {
                String suggestion = Suggestions.closest(key.getKey(), allowed);
                String message = "unknown key '" + key.getKey() + "'"
                        + (suggestion == null ? "; allowed keys are " + String.join(", ", allowed.stream().sorted().toList())
                                : "; did you mean '" + suggestion + "'?");
                if (suggestion == null && YamlFriction.noValue(object.fields().get(key.getKey()))) {
                    message = "'" + key.getKey() + "' has no value; " + YamlFriction.cutAtComma(object, key.getKey());
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
        return value(key) != null;
    }

    /** The node under {@code key}, or {@code null} when absent or written as null. */
    private @Nullable Node value(String key) {
        Node child = node.fields().get(key);
        return child instanceof ScalarNode s && s.type() == ScalarType.NULL ? null : child;
    }

    private void missing(@Nullable LegalRule rule, String key, String hint) {
        problems.error(rule, path(key), node, "required field '" + key + "' is missing" + hint);
    }

    Problems problems() {
        return problems;
    }

    List<String> languages() {
        return languages;
    }

    /** A scalar's text; reports a missing required field or a non-scalar. */
    @Nullable String text(String key, boolean required) {
        Node child = value(key);
        if (child == null) {
            if (required) {
                missing(null, key, "");
            }
            return null;
        }
        if (!(child instanceof ScalarNode scalar)) {
            problems.error(path(key), child, "expected text but found " + child.kindName());
            return null;
        }
        if (scalar.text() == null || scalar.text().isBlank()) {
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
        Node child = value(key);
        if (child == null) {
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
            if (item instanceof ScalarNode scalar && scalar.text() != null && !scalar.text().isBlank()) {
                values.add(scalar.text().trim());
            } else {
                problems.error(PathNames.item(path(key), i), item, "expected text but found " + describe(item));
            }
        }
        return values;
    }

    /** A list of mappings; absent means empty. */
    List<Node> list(String key) {
        Node child = value(key);
        if (child == null) {
            return List.of();
        }
        if (!(child instanceof ArrayNode array)) {
            problems.error(path(key), child, "expected a list but found " + describe(child));
            return List.of();
        }
        return array.items();
    }

    /** {@code text}, or {@link LocalizedText#EMPTY} for an optional text that is absent. */
    static LocalizedText orEmpty(@Nullable LocalizedText text) {
        return text == null ? LocalizedText.EMPTY : text;
    }

    /** A nested mapping, or {@code null} when absent (reported if required) or malformed. */
    @Nullable Fields object(String key, boolean required, Set<String> allowed) {
        return object(key, required, null, "", allowed);
    }

    /** A nested mapping that {@code rule} requires ({@code why} says what for), reported under the rule when absent. */
    @Nullable Fields object(String key, LegalRule requiredBy, String why, Set<String> allowed) {
        return object(key, true, requiredBy, "; " + why, allowed);
    }

    private @Nullable Fields object(String key, boolean required, @Nullable LegalRule rule, String hint,
            Set<String> allowed) {
        Node child = value(key);
        if (child == null) {
            if (required) {
                missing(rule, key, hint);
            }
            return null;
        }
        return of(child, path(key), problems, languages, allowed);
    }

    /** A text per language that {@code rule} requires, reported under the rule when absent. */
    @Nullable LocalizedText localized(String key, LegalRule requiredBy) {
        return localized(key, true, requiredBy);
    }

    /**
     * A text per language, written as {@code {ja: …, en: …}}. Every policy language must be
     * present; a language the policy does not declare is reported.
     */
    @Nullable LocalizedText localized(String key, boolean required) {
        return localized(key, required, null);
    }

    private @Nullable LocalizedText localized(String key, boolean required, @Nullable LegalRule rule) {
        Node child = value(key);
        if (child == null) {
            if (required) {
                missing(rule, key, "; give it as {" + String.join(": …, ", languages) + ": …}");
            }
            return null;
        }
        return localizedValue(child, path(key));
    }

    @Nullable LocalizedText localizedValue(Node child, String at) {
        if (child instanceof ScalarNode scalar && languages.size() == 1 && scalar.type() == ScalarType.STRING
                && scalar.text() != null) {
            return LocalizedText.of(languages.get(0), scalar.text());
        }
        if (!(child instanceof ObjectNode object)) {
            problems.error(at, child, "expected a text per language, e.g. {" + String.join(": …, ", languages)
                    + ": …}, but found " + describe(child));
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            String language = entry.getKey();
            String textPath = PathNames.child(at, language);
            if (!languages.contains(language) && YamlFriction.noValue(entry.getValue())) {
                int[] where = object.keyLocations().get(language);
                problems.error(textPath, where == null ? child.line() : where[0], where == null ? child.column() : where[1],
                        "'" + language + "' is no language of the policy and has no text; "
                                + YamlFriction.cutAtComma(object, language));
                continue;
            }
            if (!languages.contains(language)) {
                problems.error(textPath, entry.getValue(), "language '" + language
                        + "' is not one of the policy's languages " + languages);
                continue;
            }
            if (entry.getValue() instanceof ScalarNode scalar && scalar.text() != null
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

    /** An id of 1 to 64 characters of a-z, 0-9, '.', '_' or '-', or {@code null} after reporting. */
    @Nullable String id(String key) {
        String id = text(key, true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.error(path(key), at(key), "an id is 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with "
                    + "a letter or digit, but was '" + id + "'");
            return null;
        }
        return id;
    }

    /** The entry's {@code id}, or {@code null} after reporting it malformed or already in {@code seen}. */
    @Nullable String uniqueId(Set<String> seen) {
        String id = id("id");
        if (id != null && !seen.add(id)) {
            problems.error(path("id"), at("id"), "duplicate id '" + id + "'");
            return null;
        }
        return id;
    }

    /** A required id naming one of {@code known} ({@code kind} says what), or {@code null} after reporting. */
    @Nullable String reference(String key, Set<String> known, String kind) {
        String id = text(key, true);
        if (id != null && !known.contains(id)) {
            problems.error(path(key), at(key), Suggestions.unknown(id, known, kind));
            return null;
        }
        return id;
    }

    /** The ids of a list that name one of {@code known}; each other is reported. */
    List<String> references(String key, Set<String> known, String kind) {
        List<String> ids = texts(key);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (known.contains(ids.get(i))) {
                valid.add(ids.get(i));
            } else {
                problems.error(PathNames.item(path(key), i), at(key), Suggestions.unknown(ids.get(i), known, kind));
            }
        }
        return valid;
    }

    /** The host names of a list, in lower case; each malformed one is reported. */
    List<String> hosts(String key) {
        List<String> hosts = texts(key);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            if (HostMatcher.isValidHost(hosts.get(i))) {
                valid.add(hosts.get(i).toLowerCase(Locale.ROOT));
            } else {
                problems.error(PathNames.item(path(key), i), at(key), "'" + hosts.get(i)
                        + "' is not a host name or a wildcard such as *.example.com (no scheme, port or path)");
            }
        }
        return valid;
    }

    @Nullable LocalDate date(String key, boolean required) {
        String text = text(key, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.error(path(key), at(key), key + " must be a date such as 2026-04-01, but was '" + text + "'");
            return null;
        }
    }

    /** A kebab-case constant of {@code type}; {@code fallback} when absent or (after reporting) unknown. */
    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        String text = text(key, false);
        if (text == null) {
            return fallback;
        }
        String constant = text.toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(constant)) {
                return value;
            }
            allowed.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.error(path(key), at(key), key + " must be one of " + allowed + ", but was '" + text + "'");
        return fallback;
    }

    interface ItemReader {
        void read(Fields fields);
    }

    /** What {@code reader} makes of each mapping of the list under {@code section}, leaving out {@code null}s. */
    <T> List<T> collect(String section, Set<String> keys, Function<Fields, T> reader) {
        List<T> all = new ArrayList<>();
        forEach(section, keys, f -> {
            T item = reader.apply(f);
            if (item != null) {
                all.add(item);
            }
        });
        return all;
    }

    /** Each mapping of the list under {@code section}, with {@code keys} allowed in it. */
    void forEach(String section, Set<String> keys, ItemReader reader) {
        List<Node> items = list(section);
        for (int i = 0; i < items.size(); i++) {
            Fields fields = of(items.get(i), PathNames.item(path(section), i), problems, languages, keys);
            if (fields != null) {
                reader.read(fields);
            }
        }
    }

    /** Whether a text ends vaguely ("等", "など", "etc.") where a notice should name each thing. */
    static boolean vague(String text) {
        return VAGUE_ENDING.matcher(text).matches();
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode scalar && scalar.type() != ScalarType.NULL) {
            return node.kindName() + " '" + scalar.text() + "'";
        }
        return node.kindName();
    }
}
