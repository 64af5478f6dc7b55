package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response examples of {@code docs/http-api.md} agree with the records the endpoints write:
 * each ```json block right after a {@code <!-- response: … -->} marker names only fields the
 * record has (recursively, arrays by element type), with a value of the field's JSON type, in the
 * record's order; and every field of every record reached is in some example, unless listed in
 * {@link #NOT_IN_EXAMPLES} with the reason. An example abbreviates an object shown elsewhere with
 * the key {@code "…"}.
 */
class HttpApiDocTest {

    private static final Path DOC = Path.of("..", "docs", "http-api.md");

    /** The documented responses and the record each is written from. */
    private static final Map<String, Class<?>> RESPONSES = Map.of(
            "GET {base}/policy", PolicyView.Json.class,
            "GET {base}/state", Views.State.class,
            "GET {base}/disclosure?format=json", Disclosure.Json.class,
            "GET {base}/export", ExportViews.Export.class,
            "POST {base}/requests", ExportViews.RequestJson.class,
            "GET {base}/requests", ExportViews.RequestList.class,
            "GET /.well-known/gpc.json", StaticResources.GpcJson.class,
            "problem", Problem.Body.class);

    /** Fields no example shows, each with the reason. */
    private static final Map<String, String> NOT_IN_EXAMPLES = Map.of();

    /** A key an example may use for "the other fields, as shown elsewhere". */
    private static final String ELIDED = "…";

    private static final Pattern MARKER = Pattern.compile("^<!-- response: ([^\\n]+?) -->\\R```json\\R(.*?)\\R```",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern ANY_MARKER = Pattern.compile("^<!-- response:", Pattern.MULTILINE);

    @Test
    void everyDocumentedResponseExampleMatchesItsRecordAndEveryRecordFieldIsDocumented() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Map<String, List<JsonNode>> examples = new LinkedHashMap<>();
        Matcher m = MARKER.matcher(doc);
        while (m.find()) {
            examples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(JsonMapper.shared().readTree(m.group(2)));
        }
        assertThat(examples.keySet()).as("documented responses").containsExactlyInAnyOrderElementsOf(RESPONSES.keySet());
        assertThat(ANY_MARKER.matcher(doc).results().count()).as("every marker is followed by a json block")
                .isEqualTo(examples.values().stream().mapToInt(List::size).sum());

        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        Set<String> fields = new TreeSet<>();
        examples.forEach((response, nodes) -> nodes.forEach(node ->
                check(node, RESPONSES.get(response), response, problems, documented)));
        RESPONSES.values().forEach(type -> allFields(type, fields));

        assertThat(problems).as("examples that disagree with the records").isEmpty();
        Set<String> missing = new TreeSet<>(fields);
        missing.removeAll(documented);
        missing.removeAll(NOT_IN_EXAMPLES.keySet());
        assertThat(missing).as("record fields in no example of docs/http-api.md").isEmpty();
        assertThat(NOT_IN_EXAMPLES.keySet()).as("fields listed as undocumented").isSubsetOf(fields)
                .as("fields listed as undocumented yet shown").doesNotContainAnyElementsOf(documented);
    }

    @Test
    void recordsAreWrittenInComponentOrderWithTheirNullsAndOptionalFieldsOnlyWhenSet() {
        assertThat(new String(JsonIo.bytes(new ExportViews.Step("done", "2026-11-20T10:00:00Z", null, null)),
                StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"done\",\"at\":\"2026-11-20T10:00:00Z\",\"operator\":null,\"note\":null}");
        assertThat(new String(JsonIo.bytes(Problem.badRequest("the body is empty").body()), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":400,"
                        + "\"detail\":\"the body is empty\"}");
    }

    private static void check(JsonNode node, Type type, String at, List<String> problems, Set<String> documented) {
        Class<?> raw = raw(type);
        if (node.isNull()) {
            if (raw.isPrimitive()) {
                problems.add(at + " is null, but it is never null");
            }
        } else if (raw.isRecord()) {
            if (!node.isObject()) {
                problems.add(at + " should be an object");
                return;
            }
            List<String> names = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                names.add(component.getName());
            }
            int last = -1;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals(ELIDED)) {
                    continue;
                }
                int index = names.indexOf(field.getKey());
                if (index < 0) {
                    problems.add(at + "." + field.getKey() + " is not a field of " + name(raw));
                    continue;
                }
                if (index < last) {
                    problems.add(at + "." + field.getKey() + " is out of order: the response has it before "
                            + names.get(last));
                }
                last = Math.max(last, index);
                documented.add(name(raw) + "." + field.getKey());
                check(field.getValue(), raw.getRecordComponents()[index].getGenericType(), at + "." + field.getKey(),
                        problems, documented);
            }
        } else if (raw == List.class) {
            if (!node.isArray()) {
                problems.add(at + " should be an array");
                return;
            }
            node.forEach(element -> check(element, argument(type, 0), at + "[]", problems, documented));
        } else if (raw == Map.class) {
            if (!node.isObject()) {
                problems.add(at + " should be an object");
                return;
            }
            node.properties().forEach(e -> check(e.getValue(), argument(type, 1), at + "." + e.getKey(), problems,
                    documented));
        } else if (raw == String.class ? !node.isString()
                : raw == boolean.class || raw == Boolean.class ? !node.isBoolean()
                : (raw == int.class || raw == long.class) && !node.isIntegralNumber()) {
            problems.add(at + " should be a " + raw.getSimpleName() + ", but is " + node);
        }
    }

    private static void allFields(Type type, Set<String> fields) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                if (fields.add(name(raw) + "." + component.getName())) {
                    allFields(component.getGenericType(), fields);
                }
            }
        } else if (raw == List.class) {
            allFields(argument(type, 0), fields);
        } else if (raw == Map.class) {
            allFields(argument(type, 1), fields);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    /** {@code Views.State}: the record's name within its top-level class. */
    private static String name(Class<?> record) {
        return record.getEnclosingClass() == null ? record.getSimpleName()
                : record.getEnclosingClass().getSimpleName() + "." + record.getSimpleName();
    }
}
