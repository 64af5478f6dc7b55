package dev.consent4j.test;

import dev.consent4j.servlet.ConsentServletSupport;
import dev.consent4j.test.check.PageSources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Assertions that a response keeps the policy's promises to one {@link Visitor}. Each fails with an
 * {@link AssertionError} listing every finding, each naming the cookie or host, its category and
 * the basis involved:
 *
 * <pre>{@code
 * cookie `_fbp` (category advertising, basis opt-in in EU) was set before consent, for a first-time visitor in EU
 * }</pre>
 *
 * Whether a category is allowed is the visitor's {@link dev.consent4j.state.ConsentState}'s answer,
 * the same the servlet filter enforces.
 */
public final class ConsentAssertions {

    private ConsentAssertions() {
    }

    /** Fails when the response sets a declared cookie whose category the visitor's state does not allow. */
    public static void assertSetsOnlyAllowedCookies(ShopResponse response, Visitor visitor) {
        fail(cookies(response, visitor, false), response);
    }

    /** Fails when the response sets a cookie no cookie category declares (the consent cookie aside). */
    public static void assertSetsOnlyDeclaredCookies(ShopResponse response, Visitor visitor) {
        fail(cookies(response, visitor, true), response);
    }

    /**
     * Fails when the response's Content-Security-Policy opens a host that is not a tracker of a
     * category the visitor's state allows (the page's own host and the kit's first-party hosts
     * aside), or has no Content-Security-Policy at all.
     */
    public static void assertCspOpensOnlyConsentedHosts(ShopResponse response, Visitor visitor) {
        if (response.contentSecurityPolicy() == null) {
            throw new AssertionError("the response has no Content-Security-Policy header, so it opens every host, for "
                    + visitor.description() + where(response));
        }
        fail(csp(response, visitor), response);
    }

    /** Fails when the HTML loads, through an active tag, from a host that is not a consented tracker's. */
    public static void assertLoadsOnlyConsentedHosts(ShopResponse response, Visitor visitor) {
        fail(html(response, visitor), response);
    }

    /** All of the above at once (the CSP only when the response has one). */
    public static void assertKeepsConsent(ShopResponse response, Visitor visitor) {
        fail(findings(response, visitor), response);
    }

    /** Every finding the assertions above would report, for a test that wants to look at them itself. */
    public static List<Finding> findings(ShopResponse response, Visitor visitor) {
        List<Finding> all = new ArrayList<>(cookies(response, visitor, true));
        all.addAll(cookies(response, visitor, false));
        all.addAll(csp(response, visitor));
        all.addAll(html(response, visitor));
        return all;
    }

    private static List<Finding> cookies(ShopResponse response, Visitor visitor, boolean undeclared) {
        List<Finding> findings = new ArrayList<>();
        String consentCookie = visitor.kit().cookieSettings().name();
        for (String header : response.setCookies()) {
            String name = ConsentServletSupport.setCookieName(header);
            if (name == null || ConsentServletSupport.isCookieExpiry(header) || name.equals(consentCookie)
                    || name.equals("__Host-" + consentCookie)) {
                continue;
            }
            visitor.kit().judge().cookie(name, visitor.state(), "for " + visitor.description(), domain(header), "server", "cookie")
                    .filter(f -> (f.kind() == Finding.Kind.UNDECLARED_COOKIE) == undeclared)
                    .ifPresent(findings::add);
        }
        return findings;
    }

    private static List<Finding> csp(ShopResponse response, Visitor visitor) {
        return hosts(PageSources.csp(response.contentSecurityPolicy()), response, visitor, "the CSP opens (%s)");
    }

    private static List<Finding> html(ShopResponse response, Visitor visitor) {
        return hosts(PageSources.html(response.body(), response.uri()), response, visitor, "the page loads (%s) from");
    }

    private static List<Finding> hosts(List<PageSources.Source> sources, ShopResponse response, Visitor visitor, String how) {
        Set<String> own = new LinkedHashSet<>(visitor.kit().firstPartyHosts());
        if (response.uri() != null && response.uri().getHost() != null) {
            own.add(response.uri().getHost().toLowerCase(Locale.ROOT));
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PageSources.Source source : sources) {
            if (own.contains(source.host()) || !seen.add(source.host())) {
                continue;
            }
            if (source.host().equals("*")) {
                findings.add(new Finding(Finding.Kind.UNDECLARED_HOST, "*", null, String.format(how, source.how())
                        + " every host (a wildcard or scheme-only source), for " + visitor.description(), null));
                continue;
            }
            visitor.kit().judge().host(source.host(), visitor.state(), String.format(how, source.how()),
                    "for " + visitor.description()).ifPresent(findings::add);
        }
        return findings;
    }

    private static @Nullable String domain(String setCookie) {
        for (String attribute : setCookie.split(";")) {
            String trimmed = attribute.trim();
            if (trimmed.regionMatches(true, 0, "Domain=", 0, 7)) {
                String domain = trimmed.substring(7).trim();
                return domain.startsWith(".") ? domain.substring(1) : domain;
            }
        }
        return null;
    }

    private static void fail(List<Finding> findings, ShopResponse response) {
        if (findings.isEmpty()) {
            return;
        }
        String suggestions = findings.stream().filter(f -> f.suggestion() != null)
                .map(f -> "# to declare " + f.item() + ":\n" + f.suggestion()).collect(Collectors.joining());
        throw new AssertionError(findings.stream().map(Finding::message).collect(Collectors.joining("\n- ",
                findings.size() + (findings.size() == 1 ? " promise" : " promises") + " of the policy broken" + where(response)
                        + ":\n- ", ""))
                + (suggestions.isEmpty() ? "" : "\n" + suggestions));
    }

    private static String where(ShopResponse response) {
        return response.uri() == null ? "" : " by " + response.uri();
    }
}
