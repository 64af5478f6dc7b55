package dev.consent4j.policy.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PolicyCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void validFileExitsZero() throws Exception {
        Path file = write("good.yaml", BadPolicyTest.VALID);
        assertThat(run(file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("good.yaml: valid (policy test-shop version 2");
    }

    @Test
    void invalidFileExitsOneAndPrintsCompilerStyleLines() throws Exception {
        Path file = write("bad.yaml", BadPolicyTest.VALID.replace("recipients: [courier]", "recipients: [nobody]"));
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(file + ":16:")
                .contains("purposes[0].recipients[0]: unknown recipient 'nobody'")
                .contains("INVALID (1 error(s))")
                .doesNotContain("Exception");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage:");
    }

    private static Path write(String name, String content) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "policy-check"));
        return Files.writeString(dir.resolve(name), content);
    }
}
