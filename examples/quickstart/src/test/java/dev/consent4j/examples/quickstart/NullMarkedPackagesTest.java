package dev.consent4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NullAway checks only {@code @NullMarked} packages, so a package without the annotation in its
 * package-info would go unchecked without anyone noticing. In every module that NullAway covers (no
 * {@code nullaway.skip} file beside its pom; see DEVELOPERS.md "Null checking") each package of the
 * main code has a package-info marked {@code @NullMarked}.
 */
class NullMarkedPackagesTest {

    static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

    @Test
    void everyPackageOfACheckedModuleIsNullMarked() throws IOException {
        List<String> checked = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        for (Path module : modules()) {
            if (Files.exists(module.resolve("nullaway.skip"))) {
                continue;
            }
            checked.add(ROOT.relativize(module).toString());
            Path sources = module.resolve("src/main/java");
            try (Stream<Path> directories = Files.walk(sources)) {
                for (Path directory : directories.filter(Files::isDirectory).toList()) {
                    if (!hasJavaSource(directory)) {
                        continue;
                    }
                    Path packageInfo = directory.resolve("package-info.java");
                    if (!Files.exists(packageInfo) || !Files.readString(packageInfo).contains("@NullMarked")) {
                        unmarked.add(ROOT.relativize(directory).toString());
                    }
                }
            }
        }
        assertThat(checked).contains("consent-core", "consent-servlet", "consent-spring", "consent-test", "consent-kafka",
                "consent-maven-plugin", "examples/quickstart", "examples/shop-common", "examples/shop-servlet",
                "examples/shop-spring", "benchmarks");
        assertThat(unmarked).as("packages without a @NullMarked package-info").isEmpty();
    }

    /** Every directory with a pom.xml and main Java sources, outside build output. */
    static List<Path> modules() throws IOException {
        try (Stream<Path> poms = Files.walk(ROOT)) {
            return poms.filter(path -> path.getFileName().toString().equals("pom.xml"))
                    .map(Path::getParent)
                    .filter(module -> !ROOT.relativize(module).toString().contains("target")
                            && !ROOT.relativize(module).toString().contains("src"))
                    .filter(module -> Files.isDirectory(module.resolve("src/main/java")))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hasJavaSource(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".java")
                    && !file.getFileName().toString().equals("package-info.java"));
        }
    }
}
