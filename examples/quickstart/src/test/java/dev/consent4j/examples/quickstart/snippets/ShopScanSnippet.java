package dev.consent4j.examples.quickstart.snippets;

// tag::consent-scan-junit[]
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.test.ConsentTestKit;
import dev.consent4j.test.ScanReport;
import dev.consent4j.test.ShopScanner;
import java.nio.file.Path;
import java.time.Duration;
// end::consent-scan-junit[]
import java.net.URI;

/** docs/testing.md, "The scanner in a test"; examples/shop-servlet's ServletShopScanIT runs the same. */
class ShopScanSnippet {

    void scan(URI home) {
        // tag::consent-scan-junit[]
        ScanReport report = ShopScanner.builder(ConsentTestKit.fromConfiguration(), home)
                .crawl(20, Duration.ofMinutes(1)) // same-origin links from home, at most 20 pages
                .jurisdiction(Jurisdiction.JP)
                .build()
                .scan();
        report.write(Path.of("target", "consent-scan")); // consent-scan.json and consent-scan.html
        report.assertNoViolations();
        // end::consent-scan-junit[]
    }
}
