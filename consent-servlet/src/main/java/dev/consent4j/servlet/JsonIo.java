package dev.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading request bodies with limits, and writing JSON and problem responses. */
final class JsonIo {

    /** The largest body a consent endpoint reads. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16).maxStringLength(4096).maxNumberLength(32).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            // Bodies are records: their fields are written in component order, as documented.
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** How much of an oversized body is read and dropped before the 413 is sent. */
    private static final long DRAIN_LIMIT = 1 << 20;

    private JsonIo() {
    }

    /**
     * The request's {@code Content-Type} as sent. Not {@code getContentType()}: Jetty's throws for a
     * charset the JVM does not know, which would make a client's typo a 500.
     */
    public static String contentType(HttpServletRequest request) {
        return request.getHeader("Content-Type");
    }

    /**
     * The request's JSON body: 415 unless it is JSON in UTF-8 (a {@code charset} other than
     * {@code utf-8} is refused, not guessed at), 413 when too large, 400 when malformed.
     */
    public static JsonNode readJson(HttpServletRequest request) throws IOException {
        String type = contentType(request);
        String[] parts = type == null ? new String[] {""} : type.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            throw new Problem(415, "Unsupported media type", "send the body as application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.startsWith("charset=") && !parameter.substring("charset=".length()).replace("\"", "").trim().equals("utf-8")) {
                throw new Problem(415, "Unsupported media type", "send the body as UTF-8 JSON; it has no other charset");
            }
        }
        byte[] body = readBody(request);
        if (body.length == 0) {
            throw Problem.badRequest("the body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw Problem.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw Problem.badRequest("malformed JSON: " + (message.length() > 200 ? message.substring(0, 200) + "…" : message));
        }
    }

    /** The raw body, at most {@link #MAX_BODY_BYTES}; 413 beyond. */
    public static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            long declared = request.getContentLengthLong();
            byte[] body = declared > MAX_BODY_BYTES ? new byte[0] : in.readNBytes(MAX_BODY_BYTES + 1);
            if (declared > MAX_BODY_BYTES || body.length > MAX_BODY_BYTES) {
                // Read what remains (up to a bound) before answering, so the client, which is still
                // sending, gets the 413 instead of a connection reset.
                long drained = 0;
                byte[] sink = new byte[8192];
                for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
                    drained += n;
                }
                throw new Problem(413, "Content too large", "the body may be at most " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public static byte[] bytes(Object body) {
        return MAPPER.writeValueAsBytes(body);
    }

    public static void problem(HttpServletResponse response, Problem problem) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(problem.body());
        response.setStatus(problem.status());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (problem.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        if (!problem.allow().isEmpty()) {
            response.setHeader("Allow", String.join(", ", problem.allow()));
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
