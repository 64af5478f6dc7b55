package dev.consent4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shops' {@code application.properties} and IDEs rely on the {@code consent.*} keys the annotation processor
 * writes from {@link ConsentProperties}. {@code consent-properties-metadata.tsv} holds every key as it was
 * before the properties were regrouped: each must still be there with the same type, description and
 * default. New keys are allowed, and so is a default for a key that documented none.
 */
class ConsentPropertiesMetadataTest {

    record Key(String name, String type, String defaultValue, String description) {
    }

    @Test
    void everyDocumentedKeyKeepsItsTypeDefaultAndDescription() throws IOException {
        Map<String, Key> before = snapshot();
        Map<String, Key> now = generated();
        assertThat(before).hasSizeGreaterThan(40);

        List<String> differences = new ArrayList<>();
        for (Key old : before.values()) {
            Key current = now.get(old.name());
            if (current == null) {
                differences.add(old.name() + ": gone");
                continue;
            }
            if (!old.type().equals(current.type())) {
                differences.add(old.name() + ": type " + old.type() + " became " + current.type());
            }
            if (!old.description().equals(current.description())) {
                differences.add(old.name() + ": description '" + old.description() + "' became '"
                        + current.description() + "'");
            }
            if (!old.defaultValue().isEmpty() && !old.defaultValue().equals(current.defaultValue())) {
                differences.add(old.name() + ": default " + old.defaultValue() + " became "
                        + (current.defaultValue().isEmpty() ? "none" : current.defaultValue()));
            }
        }
        assertThat(differences).as("changed consent.* keys").isEmpty();
    }

    private static Map<String, Key> snapshot() throws IOException {
        Map<String, Key> keys = new TreeMap<>();
        try (InputStream in = ConsentPropertiesMetadataTest.class.getResourceAsStream("/consent-properties-metadata.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                keys.put(fields[0], new Key(fields[0], fields[1], fields[2], fields[3]));
            }
        }
        return keys;
    }

    /** The consent.* properties of every metadata file on the class path; only this module's declares them. */
    private static Map<String, Key> generated() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Key> keys = new LinkedHashMap<>();
        for (URL url : Collections.list(ConsentPropertiesMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("consent.")) {
                        JsonNode defaultValue = property.get("defaultValue");
                        keys.put(name, new Key(name, property.path("type").asString(),
                                defaultValue == null || defaultValue.isNull() ? "" : json.writeValueAsString(defaultValue),
                                property.path("description").asString()));
                    }
                }
            }
        }
        return keys;
    }
}
