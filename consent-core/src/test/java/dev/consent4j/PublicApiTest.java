package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.testing.PublicApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps consent-core's public API deliberate: the public types a shop can use are listed in
 * {@code public-api.txt} (a new one is added there on purpose, with the change that needs it), and
 * none of them exposes a type of {@code dev.consent4j.internal}, whose types are public only so
 * that consent4j's own modules can share them.
 */
class PublicApiTest {

    private static final PublicApi API = PublicApi.of(ConsentManager.class);

    @Test
    void thePublicTypesAreTheListedOnes() {
        assertThat(API.publishedTypes())
                .as("consent-core's public types outside %s; add a new one to public-api.txt on purpose", PublicApi.INTERNAL)
                .isEqualTo(PublicApi.listed(PublicApiTest.class, "public-api.txt"));
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        assertThat(API.leaks()).as("public signatures of the API that name internal types").isEmpty();
    }

    @Test
    void everyInternalPackageSaysItIsNotApi() throws IOException {
        for (Class<?> type : API.classes()) {
            if (type.getPackageName().startsWith(PublicApi.INTERNAL)) {
                String info = "/" + type.getPackageName().replace('.', '/') + "/package-info.class";
                assertThat(PublicApiTest.class.getResource(info)).as(type.getPackageName() + " has a package-info").isNotNull();
            }
        }
        Path sources = Path.of("src/main/java", PublicApi.INTERNAL.replace('.', '/'));
        try (Stream<Path> infos = Files.walk(sources)) {
            for (Path info : infos.filter(f -> f.endsWith("package-info.java")).toList()) {
                assertThat(Files.readString(info)).as(info.toString()).contains("Not API");
            }
        }
    }
}
