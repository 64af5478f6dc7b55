package dev.consent4j.policy.load;

import dev.consent4j.internal.match.HostMatcher;
import dev.consent4j.internal.match.NameMatcher;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.load.Node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code cookie-categories} and the cookies each declares, with the cookie consent rules of
 * the ePrivacy Directive and PECR: outside what is strictly necessary (which must say why), a
 * cookie category is opt-in in the EU, the EEA and the UK.
 */
final class CookieCategoryReader {

    static final Set<String> KEYS = Set.of("id", "title", "description", "basis", "cookies", "consent-mode");
    private static final Set<String> COOKIE_KEYS = Set.of("name", "domains", "path", "set-by", "storage",
            "justification");

    private final Problems problems;
    private final BasisReader bases;

    CookieCategoryReader(Problems problems, BasisReader bases) {
        this.problems = problems;
        this.bases = bases;
    }

    /** The categories read without errors, in policy order; a cookie name is declared once in all of them. */
    List<CookieCategory> read(Fields top) {
        Set<String> seen = new HashSet<>();
        Set<String> seenCookieNames = new HashSet<>();
        return top.collect("cookie-categories", KEYS, f -> category(f, seen, seenCookieNames));
    }

    private @Nullable CookieCategory category(Fields f, Set<String> seen, Set<String> seenCookieNames) {
        String id = f.uniqueId(seen);
        LocalizedText title = f.localized("title", true);
        LocalizedText description = f.localized("description", false);
        BasisRule basis = bases.required(f);
        boolean necessary = basis != null && basis.alwaysNecessary();
        if (basis != null && (basis.byDefault() == Basis.NOTICE || basis.overrides().containsValue(Basis.NOTICE))) {
            problems.error(f.path("basis"), f.at("basis"), "a cookie category is necessary, opt-in or opt-out; "
                    + "notice-only is for purposes (cookies used without a choice are opt-out)");
        }
        if (basis != null && !necessary) {
            bases.cookiesOptOutInUk(basis, f.path("basis"), f.at("basis"));
            optOutInEea(f, basis);
        }
        List<CookieDeclaration> cookies = new ArrayList<>();
        List<Node> cookieNodes = f.list("cookies");
        for (int i = 0; i < cookieNodes.size(); i++) {
            Fields c = Fields.of(cookieNodes.get(i), PathNames.item(f.path("cookies"), i), problems, f.languages(), COOKIE_KEYS);
            CookieDeclaration cookie = c == null ? null : cookie(c, necessary, seenCookieNames);
            if (cookie != null) {
                cookies.add(cookie);
            }
        }
        List<String> consentMode = f.texts("consent-mode");
        for (int i = 0; i < consentMode.size(); i++) {
            if (!CookieCategory.CONSENT_MODE_TYPES.contains(consentMode.get(i))) {
                problems.error(PathNames.item(f.path("consent-mode"), i), f.at("consent-mode"), "'" + consentMode.get(i)
                        + "' is not a Google Consent Mode type; use one of " + CookieCategory.CONSENT_MODE_TYPES.stream().sorted().toList());
            }
        }
        if (id == null || title == null || basis == null) {
            return null;
        }
        return new CookieCategory(id, title, Fields.orEmpty(description), basis, cookies, consentMode);
    }

    private void optOutInEea(Fields f, BasisRule basis) {
        for (String code : BasisReader.jurisdictionsToCheck(basis, "EU")) {
            Jurisdiction where = Jurisdiction.of(code);
            if (where.inEea() && basis.in(where) == Basis.OPT_OUT) {
                problems.error(LegalRule.EPRIVACY_COOKIE_CONSENT, f.path("basis"), f.at("basis"), "cookies and trackers "
                        + "that are not strictly necessary need prior consent in " + code
                        + " (ePrivacy Directive art. 5(3)); the basis there must be opt-in, not opt-out");
                return;
            }
        }
    }

    private @Nullable CookieDeclaration cookie(Fields c, boolean necessary, Set<String> seenNames) {
        String name = c.text("name", true);
        if (name != null && !NameMatcher.isValidGlob(name)) {
            problems.error(c.path("name"), c.at("name"), "'" + name + "' is not a cookie name or pattern; names may use * and ? "
                    + "but no spaces, ';', ',', '=' or quotes, and a pattern needs some fixed characters");
            name = null;
        } else if (name != null && !seenNames.add(name)) {
            problems.error(c.path("name"), c.at("name"), "cookie '" + name + "' is declared more than once");
        }
        List<String> domains = c.texts("domains");
        List<String> normalizedDomains = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i).startsWith(".") ? domains.get(i).substring(1) : domains.get(i);
            if (!HostMatcher.isValidHost(domain) || domain.startsWith("*")) {
                problems.error(PathNames.item(c.path("domains"), i), c.at("domains"), "'" + domains.get(i) + "' is not a domain name");
            } else {
                normalizedDomains.add(domain.toLowerCase(Locale.ROOT));
            }
        }
        String path = c.text("path", false);
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(ch -> ch <= ' ' || ch == ';' || ch >= 0x7f))) {
            problems.error(c.path("path"), c.at("path"), "a cookie path starts with '/' and has no spaces or ';', but was '" + path + "'");
        }
        CookieDeclaration.SetBy setBy = c.enumValue("set-by", CookieDeclaration.SetBy.class, CookieDeclaration.SetBy.SERVER);
        CookieDeclaration.Storage storage = c.enumValue("storage", CookieDeclaration.Storage.class, CookieDeclaration.Storage.COOKIE);
        LocalizedText justification = c.localized("justification", false);
        if (necessary && justification == null && c.node() instanceof ObjectNode o && !o.fields().containsKey("justification")) {
            problems.error(LegalRule.STRICTLY_NECESSARY, c.path("justification"), c.node(), "a strictly necessary cookie "
                    + "needs a justification: say why the service cannot work without it");
        }
        return name == null ? null : new CookieDeclaration(name, normalizedDomains, path == null ? "/" : path, setBy,
                storage, Fields.orEmpty(justification));
    }
}
