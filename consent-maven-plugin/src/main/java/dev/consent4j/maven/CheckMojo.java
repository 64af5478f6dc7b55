package dev.consent4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the shop's consent policy files and fails the build when one is invalid. Every
 * problem is printed as {@code file:line:column: path: message}, followed by {@code [rule-id]} when
 * it breaks a legal rule; warnings are printed and do not fail the build.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractMojo {

    /** The policy file (YAML, or JSON when its name ends in {@code .json}). */
    @Parameter(property = "consent.policy", defaultValue = "${project.basedir}/src/main/resources/consent-policy.yaml")
    File policy;

    /** Several policy files to check instead of {@code policy}, e.g. one per shop or brand. */
    @Parameter
    List<File> policies;

    /** Skips the check. */
    @Parameter(property = "consent.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("consent:check skipped");
            return;
        }
        PolicyFiles.load(policies == null || policies.isEmpty() ? List.of(policy) : policies, getLog());
    }
}
