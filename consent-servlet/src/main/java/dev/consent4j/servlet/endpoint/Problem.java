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
    private final List<String> allow;

    public Problem(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, List.of());
    }

    private Problem(int status, String title, String detail, List<FieldError> errors, List<String> allow) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.allow = List.copyOf(allow);
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    /** 405, answered with an {@code Allow} header listing {@code allowed} (RFC 9110, section 15.5.6). */
    public static Problem methodNotAllowed(List<String> allowed) {
        return new Problem(405, "Method not allowed", "use " + String.join(" or ", allowed), List.of(), allowed);
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

    /** The methods the resource takes, for the {@code Allow} header of a 405; empty otherwise. */
    public List<String> allow() {
        return allow;
    }

    /**
     * One problem in a request body.
     *
     * @param pointer a JSON Pointer (RFC 6901) to the offending value
     */
    public record FieldError(String pointer, String message) {
    }
}
