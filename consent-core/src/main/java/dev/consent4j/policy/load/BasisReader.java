package dev.consent4j.policy.load;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a basis — {@code opt-in}, or {@code {default: opt-out, EU: opt-in}} — wherever a policy
 * gives one: a purpose, a purpose's channel, a cookie category.
 */
final class BasisReader {

    private static final String CHOICES = "necessary, opt-in, opt-out or notice";

    private final Problems problems;

    BasisReader(Problems problems) {
        this.problems = problems;
    }

    /** The required {@code basis} of a purpose or cookie category, or {@code null} after reporting. */
    @Nullable BasisRule required(Fields f) {
        Node node = f.node() instanceof ObjectNode o ? o.fields().get("basis") : null;
        if (node == null) {
            problems.error(f.path("basis"), f.node(), "required field 'basis' is missing; use " + CHOICES);
            return null;
        }
        return read(node, f.path("basis"));
    }

    /** The basis at {@code node}, or {@code null} after reporting what is wrong with it. */
    @Nullable BasisRule read(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            Basis basis = Basis.fromId(scalar.text());
            if (basis == null) {
                problems.error(path, node, "basis must be " + CHOICES + ", but was '" + scalar.text() + "'");
            }
            return basis == null ? null : BasisRule.of(basis);
        }
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, "basis is " + CHOICES + ", or a mapping {default: …, EU: …}, but was "
                    + node.kindName());
            return null;
        }
        Basis byDefault = null;
        Map<String, Basis> overrides = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            String key = entry.getKey();
            String entryPath = PathNames.child(path, key);
            Basis basis = entry.getValue() instanceof ScalarNode s ? Basis.fromId(s.text()) : null;
            if (basis == null) {
                problems.error(entryPath, entry.getValue(), "basis must be " + CHOICES + ", but was "
                        + Fields.describe(entry.getValue()));
                ok = false;
            } else if (key.equals("default")) {
                byDefault = basis;
            } else if (!Jurisdiction.isValidCode(key)) {
                problems.error(entryPath, entry.getValue(), "'" + key + "' is not a jurisdiction code such as JP, EU, UK, US or US-CA");
                ok = false;
            } else {
                overrides.put(key, basis);
            }
        }
        if (byDefault == null && ok) {
            problems.error(PathNames.child(path, "default"), node, "a basis with per-jurisdiction overrides needs a 'default'");
            return null;
        }
        return ok && byDefault != null ? new BasisRule(byDefault, overrides) : null;
    }

    /** {@code home} and every override code within it (e.g. JP and JP-13), to check a legal rule. */
    static Set<String> jurisdictionsToCheck(BasisRule basis, String home) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(home);
        for (String code : basis.overrides().keySet()) {
            Jurisdiction where = Jurisdiction.of(code);
            if (where.isWithin(home) || home.equals("EU") && where.inEea()) {
                codes.add(code);
            }
        }
        return codes;
    }

    /**
     * Reports a basis on which advertising by e-mail or SMS would be opt-out in Japan (or a code
     * within it); {@code path} and {@code at} locate the basis that says so.
     */
    boolean electronicMailOptOutInJapan(BasisRule basis, String path, Node at, String what) {
        for (String code : jurisdictionsToCheck(basis, "JP")) {
            if (basis.in(Jurisdiction.of(code)) == Basis.OPT_OUT) {
                problems.error(LegalRule.JP_EMAIL_OPT_IN, path, at, "advertising by " + what + " must be opt-in in " + code
                        + " (特定電子メール法 3条, Act on Specified Electronic Mail art. 3); "
                        + "set its basis to opt-in there, or give the channel its own basis under channel-basis");
                return true;
            }
        }
        return false;
    }

    /**
     * Reports a cookie category basis that is opt-out in the UK, where PECR reg. 6 (as the ePrivacy
     * Directive in the EU) needs consent for cookies that are not strictly necessary; only
     * explicit {@code UK} or {@code GB…} overrides are checked.
     */
    void cookiesOptOutInUk(BasisRule basis, String path, Node at) {
        for (Map.Entry<String, Basis> override : basis.overrides().entrySet()) {
            if (Jurisdiction.of(override.getKey()).inUk() && override.getValue() == Basis.OPT_OUT) {
                problems.error(LegalRule.PECR_COOKIE_CONSENT, PathNames.child(path, override.getKey()), at, "cookies and trackers that are not strictly "
                        + "necessary need prior consent in " + override.getKey() + " (PECR reg. 6); the basis there must be opt-in");
                return;
            }
        }
    }
}
