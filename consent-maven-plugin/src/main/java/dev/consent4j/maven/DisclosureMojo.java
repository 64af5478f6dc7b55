package dev.consent4j.maven;

import dev.consent4j.policy.Policy;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the public disclosure of the shop's policy — the external-transmission notice (what each
 * tag sends, to whom, why) and the recipients of personal data with the items the law asks for —
 * per language as {@code disclosure-<language>.html} (a page),
 * {@code disclosure-<language>.fragment.html} (to embed in a page of the shop's own) and
 * {@code disclosure-<language>.md}. An invalid policy fails the build as {@code consent:check} does.
 */
@Mojo(name = "disclosure", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class DisclosureMojo extends AbstractMojo {

    /** The policy file (YAML, or JSON when its name ends in {@code .json}). */
    @Parameter(property = "consent.policy", defaultValue = "${project.basedir}/src/main/resources/consent-policy.yaml")
    File policy;

    /** Where the files are written. */
    @Parameter(property = "consent.disclosure.outputDirectory",
            defaultValue = "${project.build.directory}/consent-disclosure")
    File outputDirectory;

    /** The languages to write, each one the policy declares; empty means all of them. */
    @Parameter(property = "consent.languages")
    List<String> languages;

    /** Skips writing the disclosure. */
    @Parameter(property = "consent.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("consent:disclosure skipped");
            return;
        }
        Policy loaded = PolicyFiles.load(List.of(policy), getLog()).get(0);
        List<String> wanted = languages == null || languages.isEmpty() ? loaded.languages() : languages;
        for (String language : wanted) {
            if (!loaded.languages().contains(language)) {
                throw new MojoFailureException("language '" + language + "' is not one of the languages of " + policy
                        + ": " + loaded.languages());
            }
        }
        Path directory = outputDirectory.toPath();
        try {
            Files.createDirectories(directory);
            for (String language : wanted) {
                DisclosureDocument document = DisclosureDocument.of(loaded, language);
                write(directory.resolve("disclosure-" + language + ".html"), DisclosureRenderer.htmlPage(document));
                write(directory.resolve("disclosure-" + language + ".fragment.html"),
                        DisclosureRenderer.htmlFragment(document));
                write(directory.resolve("disclosure-" + language + ".md"), DisclosureRenderer.markdown(document));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("could not write the disclosure to " + directory + ": " + e.getMessage(), e);
        }
        getLog().info("Wrote the disclosure of policy " + loaded.id() + " version " + loaded.version() + " in "
                + wanted + " to " + directory);
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
