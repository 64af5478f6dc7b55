package dev.consent4j.spring.diagnostics;

import dev.consent4j.policy.load.PolicyProblem;
import dev.consent4j.policy.load.PolicyValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lists the problems of an invalid policy file as a readable report instead of a stack trace. */
final class PolicyValidationFailureAnalyzer extends AbstractFailureAnalyzer<PolicyValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PolicyValidationException cause) {
        StringBuilder description = new StringBuilder("The consent policy is not valid:\n");
        for (PolicyProblem problem : cause.problems()) {
            description.append("    ").append(problem).append('\n');
        }
        return new FailureAnalysis(description.toString().stripTrailing(),
                "Correct the policy file (see docs/policy-format.md), or point consent.policy-location at the right one."
                        + " Check a file without starting the application with PolicyCheck.",
                cause);
    }
}
