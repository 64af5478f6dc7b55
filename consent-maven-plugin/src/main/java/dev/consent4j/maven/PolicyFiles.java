package dev.consent4j.maven;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyCheckResult;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.policy.load.PolicyProblem;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Loads policy files for a goal the way the build reports them: every problem of every file as
 * {@code file:line:column: path: message} (errors as errors, warnings as warnings), then one
 * failure naming the invalid files.
 */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /** The policies, in the order of {@code files}; fails when any file has an error. */
    static List<Policy> load(List<File> files, Log log) throws MojoFailureException {
        List<Policy> policies = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        int errors = 0;
        for (File file : files) {
            PolicyCheckResult result = PolicyLoader.check(file.toPath());
            for (PolicyProblem problem : result.problems()) {
                if (problem.isError()) {
                    log.error(problem.toString());
                } else {
                    log.warn(problem.toString());
                }
            }
            Policy policy = result.policy();
            if (policy != null) {
                log.info(file + ": valid (policy " + policy.id() + " version " + policy.version()
                        + ", " + result.warnings().size() + " warning(s))");
                policies.add(policy);
            } else {
                invalid.add(file.toString());
                errors += result.errors().size();
            }
        }
        if (!invalid.isEmpty()) {
            throw new MojoFailureException("Invalid consent policy: " + errors + " error(s) in "
                    + String.join(", ", invalid) + " (each is listed above as file:line:column: path: message)");
        }
        return policies;
    }
}
