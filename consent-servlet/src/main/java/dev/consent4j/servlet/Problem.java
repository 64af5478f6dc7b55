package dev.consent4j.servlet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An error answered as {@code application/problem+json} (RFC 9457): a 4xx status for bad input,
 * thrown by the endpoints before anything is written, so a problem never leaves partial state
 * behind; or {@link #unavailable 503} when the store could not be reached. Its texts are fixed or
 * describe the request's own fields: never an id, a stored value or SQL.
 */
final class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldError> errors;
    private final List<String> allow;
    private final long retryAfterSeconds;

    public Problem(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, List.of(), 0);
    }

    private Problem(int status, String title, String detail, List<FieldError> errors, List<String> allow,
            long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.allow = List.copyOf(allow);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    /** 405, answered with an {@code Allow} header listing {@code allowed} (RFC 9110, section 15.5.6). */
    public static Problem methodNotAllowed(List<String> allowed) {
        return new Problem(405, "Method not allowed", "use " + String.join(" or ", allowed), List.of(), allowed, 0);
    }

    /**
     * 503: the consent store is unavailable, nothing was recorded; answered with a
     * {@code Retry-After} header of {@code retryAfterSeconds}.
     */
    public static Problem unavailable(long retryAfterSeconds) {
        return new Problem(503, "Service unavailable", "consent choices cannot be read or recorded right now; nothing was"
                + " recorded. Try again later.", List.of(), List.of(), retryAfterSeconds);
    }

    /** 500: the store failed for a reason other than being unavailable; the details are in the server's log only. */
    public static Problem internal() {
        return new Problem(500, "Internal server error", "the request could not be completed; the details are in the"
                + " shop's log", List.of(), List.of(), 0);
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
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The methods the resource takes, for the {@code Allow} header of a 405; empty otherwise. */
    public List<String> allow() {
        return allow;
    }

    /** The seconds of the {@code Retry-After} header of a 503; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code application/problem+json} body; {@code errors} only when there are some. */
    Body body() {
        return new Body("about:blank", title, status, detail, errors.isEmpty() ? null : errors);
    }

    /** The problem as JSON (RFC 9457). */
    record Body(String type, String title, int status, String detail,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<FieldError> errors) {
    }

    /**
     * One problem in a request body.
     *
     * @param pointer a JSON Pointer (RFC 6901) to the offending value
     */
    public record FieldError(String pointer, String message) {
    }
}
