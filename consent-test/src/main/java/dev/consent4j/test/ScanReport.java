package dev.consent4j.test;

import dev.consent4j.test.scan.ReportFiles;
import dev.consent4j.test.scan.Seen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link ShopScanner} saw in each pass and every promise of the policy it found broken,
 * with a suggested declaration for each undeclared item. {@link #assertNoViolations()} for a test,
 * {@link #write(Path)} for the JSON and HTML files a CI keeps.
 *
 * @param startedAt    ISO-8601 instant
 * @param policy       the policy's id and version
 * @param jurisdiction where the visitor was
 */
public record ScanReport(String startedAt, long tookMillis, String policy, String jurisdiction, boolean gpc,
        List<Seen.Pass> passes, List<Seen.Violation> violations) {

    public ScanReport {
        passes = List.copyOf(passes);
        violations = List.copyOf(violations);
    }

    public boolean hasViolations() {
        return !violations.isEmpty();
    }

    /** Fails listing every violation and the declarations suggested for undeclared items. */
    public void assertNoViolations() {
        if (violations.isEmpty()) {
            return;
        }
        throw new AssertionError(summary());
    }

    /** One line per violation, then the suggested policy snippets. */
    public String summary() {
        if (violations.isEmpty()) {
            return "no violations in " + passes.stream().mapToInt(p -> p.pages().size()).sum() + " page visits";
        }
        String suggestions = violations.stream().filter(v -> v.suggestion() != null)
                .map(v -> "# to declare " + v.item() + ":\n" + v.suggestion()).distinct().collect(Collectors.joining());
        return violations.size() + " promises of policy " + policy + " broken:\n- "
                + violations.stream().map(Seen.Violation::message).collect(Collectors.joining("\n- "))
                + (suggestions.isEmpty() ? "" : "\nSuggested declarations:\n" + suggestions);
    }

    /** The report as JSON. */
    public String toJson() {
        return ReportFiles.json(this);
    }

    /** The report as a readable HTML page. */
    public String toHtml() {
        return ReportFiles.html(this);
    }

    /** Writes {@code consent-scan.json} and {@code consent-scan.html} into {@code directory}; answers the HTML file. */
    public Path write(Path directory) {
        try {
            return ReportFiles.write(this, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the scan report to " + directory, e);
        }
    }
}
