package dev.consent4j.policy.load;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong (or doubtful) in a policy file.
 *
 * @param file    the file or resource name the policy was read from
 * @param path    where in the document, e.g. {@code purposes[3].recipients[0]}; {@code ""} for the root
 * @param line    1-based line, or 0 when not known
 * @param column  1-based column, or 0 when not known
 * @param message what is wrong, in words a shop developer can act on
 * @param rule    the id of the legal rule broken (listed in {@code docs/policy-format.md}), or
 *                {@code null} for a plain format error
 */
public record PolicyProblem(Severity severity, String file, String path, int line, int column, String message,
        @Nullable String rule) {

    /** Errors make a policy unusable; warnings are worth a look but do not stop loading. */
    public enum Severity {
        ERROR, WARNING
    }

    public PolicyProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** A problem that breaks no legal rule: a format error. */
    public PolicyProblem(Severity severity, String file, String path, int line, int column, String message) {
        this(severity, file, path, line, column, message, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code file:line:column: path: message}, as compilers print it (warnings say so), followed by
     * {@code [rule-id]} when a legal rule is broken.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (severity == Severity.WARNING) {
            text.append("warning: ");
        }
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(message);
        if (rule != null) {
            text.append(" [").append(rule).append(']');
        }
        return text.toString();
    }
}
