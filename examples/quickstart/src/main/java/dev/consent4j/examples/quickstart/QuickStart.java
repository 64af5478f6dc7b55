package dev.consent4j.examples.quickstart;

import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the example shop's policy ({@code consent-policy.yaml}) and prints what it declares and
 * how its bases differ between Japan, the EU and California.
 */
public final class QuickStart {

    private static final List<Jurisdiction> PLACES = List.of(Jurisdiction.JP, Jurisdiction.of("DE"), Jurisdiction.of("US-CA"));

    private QuickStart() {
    }

    public static void main(String[] args) {
        Policy policy = PolicyLoader.loadResource("consent-policy.yaml", QuickStart.class.getClassLoader());
        print(policy, System.out);
    }

    static void print(Policy policy, PrintStream out) {
        String en = "en";
        out.printf("Policy %s, version %s (effective %s), languages %s%n", policy.id(), policy.version(),
                policy.effectiveDate(), policy.languages());
        out.printf("Operator: %s%n%n", policy.operator().name().in(en, policy.defaultLanguage()));

        out.printf("%-20s %-10s %-10s %-10s %s%n", "purpose", "JP", "DE (EU)", "US-CA", "channels");
        for (Purpose purpose : policy.purposes()) {
            out.printf("%-20s %-10s %-10s %-10s %s%s%n", purpose.id(),
                    purpose.basis().in(PLACES.get(0)).id(), purpose.basis().in(PLACES.get(1)).id(),
                    purpose.basis().in(PLACES.get(2)).id(), purpose.channels(),
                    purpose.coveredByGpc() ? "  (GPC opts out)" : "");
        }
        out.println();
        out.printf("%-20s %-10s %-10s %-10s %s%n", "cookie category", "JP", "DE (EU)", "US-CA", "cookies");
        for (CookieCategory category : policy.cookieCategories()) {
            out.printf("%-20s %-10s %-10s %-10s %s%n", category.id(),
                    category.basis().in(PLACES.get(0)).id(), category.basis().in(PLACES.get(1)).id(),
                    category.basis().in(PLACES.get(2)).id(),
                    category.cookies().stream().map(CookieDeclaration::name).collect(Collectors.joining(", ")));
        }
        out.println();
        for (String cookie : List.of("JSESSIONID", "_ga", "_ga_ABC123", "_skyid", "unknown_cookie")) {
            out.printf("cookie %-16s -> %s%n", cookie,
                    policy.categoryOfCookie(cookie).map(CookieCategory::id).orElse("(not declared)"));
        }
        out.println();
        for (Relation relation : Relation.values()) {
            String names = policy.recipients().stream().filter(r -> r.relation() == relation)
                    .map(r -> r.name().in(en, policy.defaultLanguage()) + " (" + r.country() + ")")
                    .collect(Collectors.joining(", "));
            out.printf("%-12s %s%n", relation.id() + ":", names.isEmpty() ? "-" : names);
        }
        for (String host : List.of("tag.skyads.example", "eu.pixel.skyads.example", "cdn.example")) {
            out.printf("host %-26s -> %s%n", host, policy.trackerOfHost(host)
                    .map(t -> t.id() + " (" + t.category() + ", " + policy.recipient(t.recipient())
                            .map(Recipient::id).orElse("?") + ")")
                    .orElse("(no tracker)"));
        }
    }
}
