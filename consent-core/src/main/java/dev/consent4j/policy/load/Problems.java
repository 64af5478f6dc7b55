package dev.consent4j.policy.load;

import dev.consent4j.policy.load.PolicyProblem.Severity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects problems for one file; those raised by a {@link LegalRule} carry its id. */
final class Problems {

    private final String file;
    private final List<PolicyProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(String path, int line, int column, String message) {
        list.add(new PolicyProblem(Severity.ERROR, file, path, line, column, message));
    }

    void error(String path, Node at, String message) {
        add(Severity.ERROR, null, path, at, message);
    }

    void warning(String path, Node at, String message) {
        add(Severity.WARNING, null, path, at, message);
    }

    /** An error because the policy breaks {@code rule}. */
    void error(@Nullable LegalRule rule, String path, Node at, String message) {
        add(Severity.ERROR, rule, path, at, message);
    }

    /** A warning that the policy may break {@code rule}. */
    void warning(LegalRule rule, String path, Node at, String message) {
        add(Severity.WARNING, rule, path, at, message);
    }

    private void add(Severity severity, @Nullable LegalRule rule, String path, @Nullable Node at, String message) {
        list.add(new PolicyProblem(severity, file, path, at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                message, rule == null ? null : rule.id()));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(PolicyProblem::isError);
    }

    List<PolicyProblem> list() {
        return List.copyOf(list);
    }
}
