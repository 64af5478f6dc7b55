package dev.consent4j.test.scan;

import dev.consent4j.test.ScanReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The scan report as {@code consent-scan.json} (the records, by Jackson) and {@code consent-scan.html} (a template). */
public final class ReportFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String TEMPLATE = template();

    private ReportFiles() {
    }

    public static String json(ScanReport report) {
        return JSON.writeValueAsString(report);
    }

    public static Path write(ScanReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("consent-scan.json"), json(report), StandardCharsets.UTF_8);
        Path html = directory.resolve("consent-scan.html");
        Files.writeString(html, html(report), StandardCharsets.UTF_8);
        return html;
    }

    public static String html(ScanReport report) {
        String verdict = report.hasViolations()
                ? report.violations().size() + " broken promises of the policy" : "No broken promises of the policy";
        StringBuilder violations = new StringBuilder();
        if (report.violations().isEmpty()) {
            violations.append("<p class=\"pass\">None.</p>");
        } else {
            violations.append("<table><tr><th>Pass</th><th>Item</th><th>What</th><th>Suggested declaration</th></tr>");
            for (Seen.Violation v : report.violations()) {
                violations.append("<tr><td>").append(escape(v.pass())).append("</td><td><code>").append(escape(v.item()))
                        .append("</code></td><td>").append(escape(v.message())).append("</td><td>")
                        .append(v.suggestion() == null ? "" : "<pre>" + escape(v.suggestion()) + "</pre>").append("</td></tr>");
            }
            violations.append("</table>");
        }
        StringBuilder passes = new StringBuilder();
        for (Seen.Pass pass : report.passes()) {
            passes.append("<h3>").append(escape(pass.name())).append(" — ").append(escape(pass.visitor())).append("</h3>");
            passes.append("<p>Pages: ").append(escape(String.join(", ", pass.pages()))).append("</p>");
            table(passes, "Cookies", List.of("name", "domain", "path", "expires", "size", "HttpOnly", "first seen on"),
                    pass.cookies(), c -> List.of(c.name(), c.domain(), c.path(), c.expires() == null ? "session" : c.expires(),
                            String.valueOf(c.size()), String.valueOf(c.httpOnly()), c.firstSeenOn()));
            table(passes, "Third-party hosts", List.of("host", "first request", "first seen on"), pass.hosts(),
                    h -> List.of(h.host(), h.firstUrl(), h.firstSeenOn()));
            table(passes, "localStorage keys", List.of("origin", "key", "first seen on"), pass.storageKeys(),
                    k -> List.of(k.origin(), k.key(), k.firstSeenOn()));
        }
        Map<String, String> values = Map.of("verdict", verdict, "verdictClass", report.hasViolations() ? "fail" : "pass",
                "policy", report.policy(), "jurisdiction", report.jurisdiction(), "gpc", report.gpc() ? " sending GPC" : "",
                "startedAt", report.startedAt(), "took", String.valueOf(report.tookMillis()));
        String page = TEMPLATE;
        for (Map.Entry<String, String> value : values.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", escape(value.getValue()));
        }
        return page.replace("{{violations}}", violations).replace("{{passes}}", passes);
    }

    private static <T> void table(StringBuilder out, String title, List<String> headings, List<T> rows,
            Function<T, List<String>> cells) {
        out.append("<p>").append(escape(title)).append(": ").append(rows.size()).append("</p>");
        if (rows.isEmpty()) {
            return;
        }
        out.append("<table><tr>");
        headings.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr>");
        for (T row : rows) {
            out.append("<tr>");
            cells.apply(row).forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
            out.append("</tr>");
        }
        out.append("</table>");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        try (InputStream in = ReportFiles.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html is missing from the consent-test jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
