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
 * The layout rules of DEVELOPERS.md that keep the code readable in one sitting, over the main code
 * of every module: no source file over 400 lines, and a package-info (saying what the package
 * holds) in every package.
 */
class SourceLayoutTest {

    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOverFourHundredLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : mainSources()) {
            long lines;
            try (Stream<String> text = Files.lines(file)) {
                lines = text.count();
            }
            if (lines > MAX_LINES) {
                tooLong.add(NullMarkedPackagesTest.ROOT.relativize(file) + " (" + lines + " lines)");
            }
        }
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> without = new ArrayList<>();
        for (Path file : mainSources()) {
            Path packageInfo = file.resolveSibling("package-info.java");
            String name = NullMarkedPackagesTest.ROOT.relativize(file.getParent()).toString();
            if (!Files.exists(packageInfo) && !without.contains(name)) {
                without.add(name);
            }
        }
        assertThat(without).as("packages without a package-info.java").isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path module : NullMarkedPackagesTest.modules()) {
            try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertThat(sources).as("main sources found under %s", NullMarkedPackagesTest.ROOT).hasSizeGreaterThan(300);
        return sources;
    }
}
