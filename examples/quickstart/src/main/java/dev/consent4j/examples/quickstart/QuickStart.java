package dev.consent4j.examples.quickstart;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import java.util.List;
import java.util.Map;

/** Builds a small policy and prints how its cookies and categories are treated. */
public final class QuickStart {

    private QuickStart() {
    }

    public static void main(String[] args) {
        Policy policy = Policy.builder("demo-shop", "2026-11")
                .operator(new Party(LocalizedText.of("en", "Demo Sweets Co."), null, null, null))
                .cookieCategory(new CookieCategory("necessary", LocalizedText.of("en", "Necessary"), null,
                        BasisRule.of(Basis.NECESSARY), List.of(CookieDeclaration.named("JSESSIONID")), List.of()))
                .cookieCategory(new CookieCategory("analytics", LocalizedText.of("en", "Analytics"), null,
                        new BasisRule(Basis.OPT_OUT, Map.of("EU", Basis.OPT_IN)),
                        List.of(CookieDeclaration.named("_ga"), CookieDeclaration.named("_ga_*")),
                        List.of("analytics_storage")))
                .build();
        for (String cookie : List.of("JSESSIONID", "_ga", "_ga_XYZ123", "unknown")) {
            System.out.printf("%-12s -> %s%n", cookie,
                    policy.categoryOfCookie(cookie).map(CookieCategory::id).orElse("(undeclared)"));
        }
        for (String where : List.of("JP", "DE", "US-CA")) {
            System.out.printf("analytics in %-5s: %s%n", where,
                    policy.cookieCategory("analytics").orElseThrow().basis().in(Jurisdiction.of(where)).id());
        }
    }
}
