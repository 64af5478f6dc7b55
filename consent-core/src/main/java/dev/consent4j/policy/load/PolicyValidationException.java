package dev.consent4j.policy.load;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file could not be loaded; {@link #problems()} lists every error and warning found. */
public class PolicyValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyValidationException(List<PolicyProblem> problems) {
        super(report(problems));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    /** Only the errors. */
    public List<PolicyProblem> errors() {
        return problems.stream().filter(PolicyProblem::isError).toList();
    }

    private static String report(List<PolicyProblem> problems) {
        long errors = problems.stream().filter(PolicyProblem::isError).count();
        return "invalid consent policy (" + errors + (errors == 1 ? " error" : " errors") + "):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }

    /** No stack trace: the report is the whole story, and it goes to people, not to debuggers. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
