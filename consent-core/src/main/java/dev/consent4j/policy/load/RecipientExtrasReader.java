package dev.consent4j.policy.load;

import dev.consent4j.policy.JointUse;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.ProvisionGround;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Relation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a recipient adds to its name and relation: the legal grounds it receives data on
 * without consent ({@code legal-grounds}, APPI art. 27(1) and (5)) and, for a recipient described
 * by category, its examples ({@code examples}, {@code and-others}).
 */
final class RecipientExtrasReader {

    private static final Set<String> GROUND_KEYS = Set.of("ground", "purposes", "description");
    private static final List<String> GROUND_IDS = Arrays.stream(LegalGround.values()).map(LegalGround::id).toList();

    /** What was read; empty lists when the recipient declares none. */
    record Extras(List<ProvisionGround> grounds, List<String> examples, boolean andOthers) {
    }

    private final Problems problems;

    RecipientExtrasReader(Problems problems) {
        this.problems = problems;
    }

    Extras read(Fields f, @Nullable LocalizedText name, @Nullable Relation relation, @Nullable JointUse jointUse, List<String> purposes,
            Map<String, Purpose> purposeById) {
        List<ProvisionGround> grounds = new ArrayList<>();
        Set<LegalGround> seen = new LinkedHashSet<>();
        List<Node> nodes = f.list("legal-grounds");
        for (int i = 0; i < nodes.size(); i++) {
            String path = PathNames.item(f.path("legal-grounds"), i);
            Fields g = Fields.of(nodes.get(i), path, problems, f.languages(), GROUND_KEYS);
            if (g != null) {
                ProvisionGround ground = ground(g, relation, jointUse, purposes, purposeById, seen);
                if (ground != null) {
                    grounds.add(ground);
                }
            }
        }
        List<String> examples = f.texts("examples");
        boolean andOthers = f.flag("and-others");
        if (andOthers && examples.isEmpty()) {
            problems.error(f.path("examples"), f.at("and-others"), "a recipient described as a category \"and others\" "
                    + "names at least one example, e.g. examples: [Sky Ads, Cloud Metrics]");
        }
        if (name != null && examples.isEmpty()) {
            for (Map.Entry<String, String> text : name.values().entrySet()) {
                if (Fields.vague(text.getValue())) {
                    problems.warning(PathNames.child(f.path("name"), text.getKey()), f.at("name"), "'" + text.getValue()
                            + "' ends vaguely (等, など, etc.); for a category of recipients name it plainly and list "
                            + "examples: [...] with and-others: true");
                    break;
                }
            }
        }
        return new Extras(grounds, examples, andOthers);
    }

    private @Nullable ProvisionGround ground(Fields g, @Nullable Relation relation, @Nullable JointUse jointUse, List<String> purposes,
            Map<String, Purpose> purposeById, Set<LegalGround> seen) {
        String id = g.text("ground", true);
        LegalGround ground = id == null ? null : LegalGround.fromId(id);
        if (id != null && ground == null) {
            String suggestion = Suggestions.didYouMean(id, GROUND_IDS);
            problems.error(g.path("ground"), g.at("ground"), "unknown legal ground '" + id + "'"
                    + (suggestion.isEmpty() ? "; use one of " + GROUND_IDS : suggestion));
        }
        List<String> covered = g.references("purposes", Set.copyOf(purposes), "purpose of this recipient");
        LocalizedText description = g.localized("description", false);
        if (ground == null) {
            return null;
        }
        if (!seen.add(ground)) {
            problems.error(g.path("ground"), g.at("ground"), "legal ground '" + id + "' is declared twice; list its purposes once");
        }
        if (ground.relation() != null) {
            if (relation != null && relation != ground.relation()) {
                problems.error(LegalRule.APPI_27_GROUND_RELATION, g.path("ground"), g.at("ground"), "legal ground '" + id
                        + "' (APPI art. " + ground.article() + ") is for a recipient whose relation is " + ground.relation().id() + ", but this one is "
                        + relation.id() + (ground == LegalGround.JOINT_USE
                                ? "; joint use needs relation joint-user and a joint-use block with the announced items" : ""));
            } else if (ground == LegalGround.JOINT_USE && jointUse == null) {
                problems.error(LegalRule.APPI_27_JOINT_USE, g.path("ground"), g.at("ground"), "legal ground 'joint-use' needs the joint-use block with "
                        + "the announced items (data items, joint users, purposes, responsible party; APPI art. 27(5)(iii))");
            }
        } else if (relation != null && relation != Relation.THIRD_PARTY) {
            problems.error(LegalRule.APPI_27_THIRD_PARTY_CONSENT, g.path("ground"), g.at("ground"), "legal ground '" + id
                    + "' (APPI art. " + ground.article() + ") is an exception for provision to a third party; a " + relation.id() + " needs no ground of its own");
        } else {
            for (String purposeId : covered.isEmpty() ? purposes : covered) {
                Purpose purpose = purposeById.get(purposeId);
                if (purpose != null && !purpose.basis().alwaysNecessary()) {
                    problems.warning(LegalRule.APPI_27_THIRD_PARTY_CONSENT, g.path("ground"), g.at("ground"), "purpose '" + purposeId + "' lets people choose, "
                            + "but legal ground '" + id + "' lets the provision gate give this recipient data whatever "
                            + "they chose; check that the ground really applies to it");
                }
            }
        }
        return new ProvisionGround(ground, covered, Fields.orEmpty(description));
    }
}
