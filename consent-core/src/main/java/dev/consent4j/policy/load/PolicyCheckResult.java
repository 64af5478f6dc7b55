package dev.consent4j.policy.load;

import dev.consent4j.policy.Policy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What checking a policy file found.
 *
 * @param policy   the policy when there were no errors, otherwise {@code null}
 * @param problems every error and warning, in file order of discovery
 */
public record PolicyCheckResult(@Nullable Policy policy, List<PolicyProblem> problems) {

    public PolicyCheckResult {
        problems = List.copyOf(problems);
    }

    static PolicyCheckResult failed(PolicyProblem problem) {
        return new PolicyCheckResult(null, List.of(problem));
    }

    public boolean valid() {
        return policy != null;
    }

    public List<PolicyProblem> errors() {
        return problems.stream().filter(PolicyProblem::isError).toList();
    }

    public List<PolicyProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The policy, or a {@link PolicyValidationException} listing every problem. */
    public Policy orThrow() {
        if (policy == null) {
            throw new PolicyValidationException(problems);
        }
        return policy;
    }
}
