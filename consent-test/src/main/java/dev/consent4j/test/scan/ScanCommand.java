package dev.consent4j.test.scan;

import dev.consent4j.LogSafe;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.policy.load.PolicyValidationException;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.test.ConsentTestKit;
import dev.consent4j.test.ScanReport;
import dev.consent4j.test.ShopScanner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanner from a command line:
 *
 * <pre>
 * java -cp … dev.consent4j.test.scan.ScanCommand --policy src/main/resources/consent-policy.yaml \
 *     --url http://127.0.0.1:8080/ [--url …] [--crawl 20] [--max-time PT2M] [--jurisdiction JP] [--gpc] \
 *     [--map-host tag.example=127.0.0.1] [--first-party cdn.shop.example] [--out target/consent-scan] \
 *     [--chromium /usr/bin/chromium] [--chromedriver /usr/bin/chromedriver]
 * </pre>
 *
 * Exit status 0 when every promise was kept, 1 on a violation, 2 when it could not scan.
 */
public final class ScanCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ScanCommand.class);

    /** What the command was told. */
    public record Options(Path policy, List<URI> urls, int crawl, Duration maxTime, Jurisdiction jurisdiction, boolean gpc,
            List<String[]> mappedHosts, Set<String> firstParty, Path out, @Nullable String chromium,
            @Nullable String chromedriver) {
    }

    private ScanCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a scan as {@link #main} does and answers its exit status. */
    public static int run(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}\nusage: --policy <file> --url <url> [--url <url>…] [--crawl <pages>] [--max-time <ISO-8601 duration>]"
                    + " [--jurisdiction <code>] [--gpc] [--map-host <host>=<address>] [--first-party <host>] [--out <dir>]"
                    + " [--chromium <path>] [--chromedriver <path>]", e.getMessage());
            return 2;
        }
        try {
            ScanReport report = scan(options);
            Path html = report.write(options.out());
            if (report.hasViolations()) {
                LOG.error("{}\nreport: {}", report.summary(), html.toAbsolutePath());
                return 1;
            }
            LOG.info("{}; report: {}", report.summary(), html.toAbsolutePath());
            return 0;
        } catch (PolicyValidationException | IllegalStateException | IllegalArgumentException e) {
            LOG.error("could not scan: {}", e.getMessage());
            return 2;
        }
    }

    /** Runs the scan the options describe; for the Maven goal as well as the command line. */
    public static ScanReport scan(Options options) {
        ConsentTestKit kit = ConsentTestKit.builder(PolicyLoader.load(options.policy()))
                .settings(ConsentSettings.builder().defaultJurisdiction(options.jurisdiction()).build())
                .firstPartyHosts(options.firstParty())
                .build();
        ShopScanner.Builder scanner = ShopScanner.builder(kit, options.urls()).jurisdiction(options.jurisdiction())
                .gpc(options.gpc());
        if (options.crawl() > 0) {
            scanner.crawl(options.crawl(), options.maxTime());
        }
        if (options.chromium() != null || options.chromedriver() != null) {
            scanner.browser(options.chromium() != null ? options.chromium() : Chromium.DEFAULT_BINARY,
                    options.chromedriver() != null ? options.chromedriver() : Chromium.DEFAULT_DRIVER);
        }
        for (String[] mapped : options.mappedHosts()) {
            scanner.mapHost(mapped[0], mapped[1]);
        }
        return scanner.build().scan();
    }

    static Options parse(String[] args) {
        Path policy = null;
        List<URI> urls = new ArrayList<>();
        int crawl = 0;
        Duration maxTime = Duration.ofMinutes(2);
        Jurisdiction jurisdiction = Jurisdiction.JP;
        boolean gpc = false;
        List<String[]> mapped = new ArrayList<>();
        Set<String> firstParty = new LinkedHashSet<>();
        Path out = Path.of("target", "consent-scan");
        String chromium = null;
        String chromedriver = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--gpc")) {
                gpc = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(LogSafe.quote(option) + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--policy" -> policy = Path.of(value);
                    case "--url" -> urls.add(URI.create(value));
                    case "--crawl" -> crawl = Integer.parseInt(value);
                    case "--max-time" -> maxTime = Duration.parse(value);
                    case "--jurisdiction" -> jurisdiction = Jurisdiction.of(value);
                    case "--map-host" -> {
                        String[] pair = value.split("=", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--map-host is <host>=<address>, e.g. tag.example=127.0.0.1");
                        }
                        mapped.add(pair);
                    }
                    case "--first-party" -> firstParty.add(value);
                    case "--out" -> out = Path.of(value);
                    case "--chromium" -> chromium = value;
                    case "--chromedriver" -> chromedriver = value;
                    default -> throw new IllegalArgumentException("unknown option " + LogSafe.quote(option));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(option + " " + LogSafe.quote(value) + " is not a valid value");
            }
        }
        if (policy == null || urls.isEmpty()) {
            throw new IllegalArgumentException("give the policy file (--policy) and at least one page (--url)");
        }
        return new Options(policy, List.copyOf(urls), crawl, maxTime, jurisdiction, gpc, List.copyOf(mapped),
                Set.copyOf(firstParty), out, chromium, chromedriver);
    }
}
