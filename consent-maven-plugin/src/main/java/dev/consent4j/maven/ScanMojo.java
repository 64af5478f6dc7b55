package dev.consent4j.maven;

import dev.consent4j.LogSafe;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.load.PolicyValidationException;
import dev.consent4j.test.ScanReport;
import dev.consent4j.test.scan.ScanCommand;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Scans a running shop with headless Chromium (consent-test's {@code ShopScanner}): its pages with
 * no choice made, after "reject all" and after "accept all", compared with the policy. Writes
 * {@code consent-scan.json} and {@code consent-scan.html} and fails the build on a violation.
 *
 * <pre>mvn consent:scan -Dconsent.scan.url=http://127.0.0.1:8080/ -Dconsent.scan.crawl=20</pre>
 */
@Mojo(name = "scan", threadSafe = true)
public class ScanMojo extends AbstractMojo {

    /** The policy file the pages are judged by. */
    @Parameter(property = "consent.policy", defaultValue = "${project.basedir}/src/main/resources/consent-policy.yaml")
    File policy;

    /** The pages to scan, comma-separated; the banner's buttons are pressed on the first. */
    @Parameter(property = "consent.scan.url", required = true)
    String url;

    /** Also follow same-origin links, up to this many pages in all; 0 visits only the given pages. */
    @Parameter(property = "consent.scan.crawl", defaultValue = "0")
    int crawl;

    /** The longest the scan may take (ISO-8601). */
    @Parameter(property = "consent.scan.maxTime", defaultValue = "PT2M")
    String maxTime;

    /** Where the visitor is, which decides each category's basis. */
    @Parameter(property = "consent.scan.jurisdiction", defaultValue = "JP")
    String jurisdiction;

    /** Whether the browser sends {@code Sec-GPC: 1}. */
    @Parameter(property = "consent.scan.gpc", defaultValue = "false")
    boolean gpc;

    /** Host names to resolve to another address, each {@code host=address}. */
    @Parameter
    List<String> mapHosts;

    /** The shop's own hosts besides the scanned pages' host. */
    @Parameter
    List<String> firstPartyHosts;

    @Parameter(property = "consent.scan.chromium")
    String chromium;

    @Parameter(property = "consent.scan.chromedriver")
    String chromedriver;

    @Parameter(property = "consent.scan.outputDirectory", defaultValue = "${project.build.directory}/consent-scan")
    File outputDirectory;

    /** Reports violations without failing the build. */
    @Parameter(property = "consent.scan.failOnViolation", defaultValue = "true")
    boolean failOnViolation;

    @Parameter(property = "consent.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("consent:scan skipped");
            return;
        }
        ScanCommand.Options options = options();
        ScanReport report;
        try {
            report = ScanCommand.scan(options);
        } catch (PolicyValidationException | IllegalStateException | IllegalArgumentException e) {
            throw new MojoExecutionException("consent:scan could not scan: " + e.getMessage(), e);
        }
        Path html = report.write(outputDirectory.toPath());
        if (!report.hasViolations()) {
            getLog().info("consent:scan: " + report.summary() + "; report: " + html);
            return;
        }
        for (String line : report.summary().split("\n")) {
            getLog().error(line);
        }
        if (failOnViolation) {
            throw new MojoFailureException("consent:scan found " + report.violations().size()
                    + " broken promises of the policy (listed above); report: " + html);
        }
    }

    private ScanCommand.Options options() throws MojoExecutionException {
        try {
            List<URI> urls = new ArrayList<>();
            for (String one : url.split(",")) {
                if (!one.isBlank()) {
                    urls.add(URI.create(one.trim()));
                }
            }
            List<String[]> mapped = new ArrayList<>();
            for (String pair : mapHosts == null ? List.<String>of() : mapHosts) {
                String[] parts = pair.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("mapHosts entries are host=address, but one was " + LogSafe.quote(pair));
                }
                mapped.add(parts);
            }
            Duration time;
            try {
                time = Duration.parse(maxTime);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("maxTime " + LogSafe.quote(maxTime) + " is not an ISO-8601 duration such as PT2M");
            }
            return new ScanCommand.Options(policy.toPath(), urls, crawl, time, Jurisdiction.of(jurisdiction),
                    gpc, mapped, new LinkedHashSet<>(firstPartyHosts == null ? List.of() : firstPartyHosts),
                    outputDirectory.toPath(), chromium, chromedriver);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("consent:scan: " + e.getMessage(), e);
        }
    }
}
