package dev.consent4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/*.md is a tagged region of this module's
 * compiled sources, byte for byte, so the documents and the code cannot drift apart.
 *
 * <p>A region starts after a line {@code // tag::name[]} and ends before {@code // end::name[]}.
 * A name may mark several regions of one file (imports, then code): the block shows them in order,
 * each without its common indentation, separated by one empty line. Marker lines of other regions
 * inside a region are left out. A block in a document is compared without its own common
 * indentation (blocks inside list items are indented).
 */
class DocSnippetsTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.resolve("../..").normalize();
    private static final Pattern MARKER = Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_-]+)\\[\\]\\s*$");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");

    /** Rendered regions by tag name. */
    private static Map<String, String> regions;

    @BeforeAll
    static void readRegions() throws IOException {
        regions = new LinkedHashMap<>();
        for (String sources : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(MODULE.resolve(sources))) {
                // This file's own example markers (in regionsAreReadAsDocumented) are not regions.
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.endsWith("DocSnippetsTest.java")).sorted().toList()) {
                    for (Map.Entry<String, String> region : regionsOf(file).entrySet()) {
                        String earlier = regions.putIfAbsent(region.getKey(), region.getValue());
                        assertThat(earlier).as("tag %s is used in more than one file (%s)", region.getKey(), file).isNull();
                    }
                }
            }
        }
    }

    @Test
    void theDocumentsAreWhereTheTestLooks() {
        assertThat(ROOT.resolve("README.md")).isRegularFile();
        assertThat(documents()).contains(ROOT.resolve("docs/stores.md"), ROOT.resolve("docs/spring.md"));
        assertThat(regions).containsKeys("servlet-quick-start", "in-your-code");
    }

    @Test
    void everyJavaBlockOfTheDocumentsIsATaggedRegionOfCompiledCode() {
        List<String> strays = new ArrayList<>();
        for (Path document : documents()) {
            for (Block block : javaBlocks(document)) {
                if (!regions.containsValue(block.text())) {
                    strays.add(ROOT.relativize(document) + ":" + block.line() + "\n" + block.text());
                }
            }
        }
        assertThat(strays).as("java blocks that no tagged region of %s matches; copy the region into the document "
                + "(or change the code and the document together)", MODULE).isEmpty();
    }

    @Test
    void everyTaggedRegionIsShownInADocument() {
        Set<String> shown = new HashSet<>();
        for (Path document : documents()) {
            javaBlocks(document).forEach(block -> shown.add(block.text()));
        }
        List<String> unshown = regions.entrySet().stream().filter(region -> !shown.contains(region.getValue()))
                .map(Map.Entry::getKey).toList();
        assertThat(unshown).as("tagged regions no document shows any more").isEmpty();
    }

    @Test
    void theQuickStartsPolicyIsTheOneTheReadmeShows() throws IOException {
        String policy = Files.readString(MODULE.resolve("src/main/resources/consent-policy.yaml"));
        List<Block> yaml = blocks(ROOT.resolve("README.md"), "yaml");
        assertThat(yaml).extracting(Block::text).contains(policy.stripTrailing());
    }

    /**
     * Each key of a {@code ```properties} block in the documents is one consent-spring binds: its
     * name, up to the first index or map key, is a property of the configuration metadata that the
     * annotation processor writes from {@code ConsentProperties}.
     */
    @Test
    void everyPropertyKeyTheDocumentsShowIsBound() throws IOException {
        String metadata;
        try (InputStream input = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(input).as("consent-spring's configuration metadata").isNotNull();
            metadata = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> bound = new HashSet<>();
        Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"(consent\\.[^\"]+)\"").matcher(metadata);
        while (name.find()) {
            bound.add(name.group(1));
        }
        assertThat(bound).contains("consent.default-jurisdiction");
        List<String> unbound = new ArrayList<>();
        int keys = 0;
        for (Path document : documents()) {
            for (Block block : blocks(document, "properties")) {
                for (String line : block.text().split("\n")) {
                    if (line.isBlank() || line.startsWith("#") || !line.startsWith("consent.")) {
                        continue;
                    }
                    keys++;
                    String key = line.substring(0, line.indexOf('=')).strip();
                    int index = key.indexOf('[');
                    String property = index < 0 ? key : key.substring(0, index);
                    if (!bound.contains(property)) {
                        unbound.add(ROOT.relativize(document) + ": " + key);
                    }
                }
            }
        }
        assertThat(keys).as("property keys found in the documents").isPositive();
        assertThat(unbound).as("keys ConsentProperties does not bind").isEmpty();
    }

    @Test
    void regionsAreReadAsDocumented() throws IOException {
        Path file = Files.createTempFile("snippet", ".java");
        try {
            Files.writeString(file, """
                    // tag::demo[]
                    import a.B;
                    // end::demo[]
                    class C {
                        void m() {
                            // tag::demo[]
                            // tag::inner[]
                            B b = new B();
                              b.go();
                            // end::inner[]
                            // end::demo[]
                        }
                    }
                    """);
            assertThat(regionsOf(file)).containsExactly(
                    Map.entry("demo", "import a.B;\n\nB b = new B();\n  b.go();"),
                    Map.entry("inner", "B b = new B();\n  b.go();"));
        } finally {
            Files.delete(file);
        }
    }

    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static List<Block> javaBlocks(Path document) {
        return blocks(document, "java");
    }

    /** The fenced blocks of {@code language} in a Markdown file, without their common indentation. */
    private static List<Block> blocks(Path document, String language) {
        List<String> lines = readLines(document);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches() || open.group(2).isEmpty()) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (open.group(2).equals(language)) {
                blocks.add(new Block(start, dedent(lines.subList(start, end))));
            }
            i = end;
        }
        return blocks;
    }

    /** Each tag's regions in one file, rendered as the documents show them. */
    static Map<String, String> regionsOf(Path file) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        Map<String, List<String>> open = new LinkedHashMap<>();
        for (String line : readLines(file)) {
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                String name = marker.group(2);
                if (marker.group(1).equals("tag")) {
                    assertThat(open).as("%s opens %s twice", file, name).doesNotContainKey(name);
                    open.put(name, new ArrayList<>());
                } else {
                    List<String> region = open.remove(name);
                    assertThat(region).as("%s ends %s, which is not open", file, name).isNotNull();
                    parts.computeIfAbsent(name, n -> new ArrayList<>()).add(dedent(region));
                }
                continue;
            }
            open.values().forEach(region -> region.add(line));
        }
        assertThat(open).as("%s leaves regions open", file).isEmpty();
        Map<String, String> rendered = new LinkedHashMap<>();
        parts.forEach((name, regionsOfName) -> rendered.put(name, String.join("\n\n", regionsOfName)));
        return rendered;
    }

    /** The lines without the indentation they share and without empty lines around them, joined by \n. */
    private static String dedent(List<String> lines) {
        int first = 0;
        int last = lines.size();
        while (first < last && lines.get(first).isBlank()) {
            first++;
        }
        while (last > first && lines.get(last - 1).isBlank()) {
            last--;
        }
        List<String> kept = lines.subList(first, last);
        int indent = kept.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : kept) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return String.join("\n", out);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Block(int line, String text) {
    }
}
