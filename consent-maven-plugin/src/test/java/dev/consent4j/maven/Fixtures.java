package dev.consent4j.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the policy fixtures of this package into a test's directory, as a shop's project holds them. */
final class Fixtures {

    static final String TEA_SHOP = "tea-shop-policy.yaml";
    static final String BROKEN = "broken-policy.yaml";

    private Fixtures() {
    }

    static Path copy(String fixture, Path directory, String name) {
        try (InputStream input = Fixtures.class.getResourceAsStream(fixture)) {
            if (input == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.copy(input, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
