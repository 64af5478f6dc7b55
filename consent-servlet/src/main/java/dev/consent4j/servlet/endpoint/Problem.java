package dev.consent4j.servlet.endpoint;

import java.util.List;

/**
 * An error answered as {@code application/problem+json} (RFC 9457) with a 4xx status. Thrown by
 * the endpoints before anything is written, so a problem never leaves partial state behind.
 */
public final class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public Problem(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(400, "Invalid choices", errors.size() == 1 ? errors.get(0).message()
                : errors.size() + " problems; see errors", errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * One problem in a request body.
     *
     * @param pointer a JSON Pointer (RFC 6901) to the offending value
     */
    public record FieldError(String pointer, String message) {
    }
}
