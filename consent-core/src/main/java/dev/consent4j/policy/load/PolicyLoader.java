package dev.consent4j.policy.load;

import dev.consent4j.policy.Policy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads a policy from a YAML or JSON file and validates it.
 *
 * <pre>{@code
 * Policy policy = PolicyLoader.load(Path.of("consent-policy.yaml"));
 * }</pre>
 *
 * <p>Every problem in the file is collected, not just the first; each names the file, the path
 * inside it ({@code purposes[3].recipients[0]}), the line and column, and what is wrong. The
 * format is chosen from the file name: {@code .json} is JSON, anything else YAML (JSON is also
 * valid YAML, but JSON files get JSON's stricter parser). See {@code docs/policy-format.md}.
 */
public final class PolicyLoader {

    /** Policy files larger than this are refused: no real policy comes near it. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private PolicyLoader() {
    }

    /** Loads and validates the file, or throws {@link PolicyValidationException} listing every error. */
    public static Policy load(Path file) {
        return check(file).orThrow();
    }

    /** Loads from a classpath resource such as {@code consent-policy.yaml}. */
    public static Policy loadResource(String resource, ClassLoader classLoader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream input = classLoader.getResourceAsStream(name)) {
            if (input == null) {
                throw new PolicyValidationException(List.of(new PolicyProblem(PolicyProblem.Severity.ERROR,
                        "classpath:" + name, "", 0, 0, "no such resource on the classpath")));
            }
            return load("classpath:" + name, input);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read classpath resource " + name, e);
        }
    }

    /**
     * Loads from a stream; {@code name} appears in messages and decides the format ({@code .json}
     * or YAML).
     */
    public static Policy load(String name, InputStream input) {
        return check(name, input).orThrow();
    }

    /** Validates without throwing: the policy (when valid) and every problem found. */
    public static PolicyCheckResult check(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                return tooLarge(name);
            }
            return check(name, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return PolicyCheckResult.failed(new PolicyProblem(PolicyProblem.Severity.ERROR, name, "", 0, 0,
                    "file not found"));
        } catch (IOException e) {
            return PolicyCheckResult.failed(new PolicyProblem(PolicyProblem.Severity.ERROR, name, "", 0, 0,
                    "could not read the file: " + e.getMessage()));
        }
    }

    /** Validates a stream without throwing; see {@link #load(String, InputStream)}. */
    public static PolicyCheckResult check(String name, InputStream input) {
        try {
            byte[] bytes = input.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? tooLarge(name) : check(name, bytes);
        } catch (IOException e) {
            return PolicyCheckResult.failed(new PolicyProblem(PolicyProblem.Severity.ERROR, name, "", 0, 0,
                    "could not read: " + e.getMessage()));
        }
    }

    private static PolicyCheckResult check(String name, byte[] content) {
        Problems problems = new Problems(name);
        boolean yaml = !name.toLowerCase(Locale.ROOT).endsWith(".json");
        Node root = new LocatedTreeReader(problems, content).read(new ByteArrayInputStream(content), yaml);
        Policy policy = root == null ? null : new PolicyReader(problems).read(root);
        return new PolicyCheckResult(problems.hasErrors() ? null : policy, problems.list());
    }

    private static PolicyCheckResult tooLarge(String name) {
        return PolicyCheckResult.failed(new PolicyProblem(PolicyProblem.Severity.ERROR, name, "", 0, 0,
                "the file is larger than " + MAX_BYTES + " bytes; a policy file is far smaller"));
    }
}
