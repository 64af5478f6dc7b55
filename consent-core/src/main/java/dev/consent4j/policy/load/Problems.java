package dev.consent4j.policy.load;

import dev.consent4j.policy.load.PolicyProblem.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects problems for one file. */
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
        error(path, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message);
    }

    void warning(String path, Node at, String message) {
        list.add(new PolicyProblem(Severity.WARNING, file, path, at == null ? 0 : at.line(),
                at == null ? 0 : at.column(), message));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(PolicyProblem::isError);
    }

    List<PolicyProblem> list() {
        return List.copyOf(list);
    }
}
