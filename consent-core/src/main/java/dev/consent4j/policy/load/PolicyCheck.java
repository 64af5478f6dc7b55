package dev.consent4j.policy.load;

import dev.consent4j.policy.Policy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Command line: validates policy files and prints every problem as
 * {@code file:line:column: path: message}. Exit code 0 when every file is valid (warnings
 * allowed), 1 when any has an error, 2 on wrong usage. For a shop's own CI.
 */
public final class PolicyCheck {

    private PolicyCheck() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the check; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: PolicyCheck <policy.yaml|policy.json>...");
            return 2;
        }
        int status = 0;
        for (String arg : args) {
            PolicyCheckResult result = PolicyLoader.check(Path.of(arg));
            result.problems().forEach(out::println);
            if (result.valid()) {
                Policy policy = Objects.requireNonNull(result.policy());
                out.println(arg + ": valid (policy " + policy.id() + " version " + policy.version()
                        + ", " + result.warnings().size() + " warning(s))");
            } else {
                out.println(arg + ": INVALID (" + result.errors().size() + " error(s))");
                status = 1;
            }
        }
        return status;
    }
}
