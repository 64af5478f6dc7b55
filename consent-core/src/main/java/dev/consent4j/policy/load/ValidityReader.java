package dev.consent4j.policy.load;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads how long choices count: the policy's {@code consent-validity} and a purpose's
 * {@code validity}. Either is a period ({@code P12M}: grants only) or a mapping
 * {@code {grants: P12M, refusals: P6M, member-terms: never, FR: {refusals: P6M}}}; a field a
 * jurisdiction entry leaves out comes from the mapping's own fields, and a field a purpose leaves
 * out from the policy's default.
 */
final class ValidityReader {

    private static final Set<String> FIELDS = Set.of("grants", "refusals", "member-terms");

    private final Problems problems;

    ValidityReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The validity under {@code key} of {@code f}, its missing fields taken from {@code base};
     * {@code null} when absent (or, after reporting, malformed).
     */
    @Nullable ValidityRule read(Fields f, String key, Validity base, boolean grantsRequired) {
        if (!f.has(key)) {
            return null;
        }
        Node node = f.at(key);
        String path = f.path(key);
        if (node instanceof ScalarNode scalar) {
            Period grants = period(scalar, path, false);
            return grants == null ? null : ValidityRule.of(new Validity(grants, base.refusals(), base.memberTermGrants()));
        }
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, key + " is a period such as P12M, or a mapping {grants: P12M, refusals: P6M, "
                    + "member-terms: never, FR: {…}}, but was " + node.kindName());
            return null;
        }
        Validity byDefault = fields(object, path, base, Set.of());
        if (byDefault == null) {
            return null;
        }
        if (grantsRequired && byDefault.grants() == null) {
            problems.error(PathNames.child(path, "grants"), object, "the policy's grants need a period such as P12M; "
                    + "only a purpose's grants or member-terms grants may be 'never'");
            return null;
        }
        Map<String, Validity> overrides = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            String code = entry.getKey();
            if (FIELDS.contains(code)) {
                continue;
            }
            String entryPath = PathNames.child(path, code);
            if (!Jurisdiction.isValidCode(code)) {
                problems.error(entryPath, entry.getValue(), "'" + code + "' is neither grants, refusals, member-terms nor a "
                        + "jurisdiction code such as FR, EU, UK or US-CA" + Suggestions.didYouMean(code, FIELDS));
                ok = false;
            } else if (!(entry.getValue() instanceof ObjectNode inner)) {
                problems.error(entryPath, entry.getValue(), "the validity in " + code + " is a mapping such as {refusals: P6M}, but was "
                        + Fields.describe(entry.getValue()));
                ok = false;
            } else {
                Validity validity = fields(inner, entryPath, byDefault, FIELDS);
                if (validity == null) {
                    ok = false;
                } else {
                    overrides.put(code, validity);
                }
            }
        }
        return ok ? new ValidityRule(byDefault, overrides) : null;
    }

    /** The fields of one mapping over {@code base}; keys outside {@code allowedOnly} (when given) are reported. */
    private @Nullable Validity fields(ObjectNode object, String path, Validity base, Set<String> allowedOnly) {
        Period grants = base.grants();
        Period refusals = base.refusals();
        Period terms = base.memberTermGrants();
        boolean ok = true;
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            String key = entry.getKey();
            String entryPath = PathNames.child(path, key);
            if (!FIELDS.contains(key)) {
                if (!allowedOnly.isEmpty()) {
                    String suggestion = Suggestions.closest(key, FIELDS);
                    problems.error(entryPath, entry.getValue(), "unknown key '" + key + "'; "
                            + (suggestion == null ? "allowed keys are grants, member-terms, refusals" : "did you mean '" + suggestion + "'?"));
                    ok = false;
                }
                continue;
            }
            if (!(entry.getValue() instanceof ScalarNode scalar)) {
                problems.error(entryPath, entry.getValue(), key + " is a period such as P6M or never, but was " + entry.getValue().kindName());
                ok = false;
                continue;
            }
            Period period = period(scalar, entryPath, true);
            if (period == null && !(scalar.text() != null && scalar.text().trim().equals("never"))) {
                ok = false;
                continue;
            }
            switch (key) {
                case "grants" -> grants = period;
                case "refusals" -> refusals = period;
                default -> terms = period;
            }
        }
        return ok ? new Validity(grants, refusals, terms) : null;
    }

    /** A positive period, or {@code null}: for {@code never} (when allowed) or after reporting. */
    private @Nullable Period period(ScalarNode scalar, String path, boolean neverAllowed) {
        String text = scalar.text() == null ? "" : scalar.text().trim();
        if (neverAllowed && text.equals("never")) {
            return null;
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return period;
        } catch (DateTimeParseException e) {
            problems.error(path, scalar, PathNames.last(path) + " must be a positive ISO-8601 period such as P6M or P1Y"
                    + (neverAllowed ? ", or never" : "") + ", but was '" + text + "'");
            return null;
        }
    }
}
