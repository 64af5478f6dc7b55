package dev.consent4j.policy.load;

import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.ForeignTransfer;
import dev.consent4j.policy.JointUse;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.OptOutRoute;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Relation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the blocks of a recipient that Japan's APPI asks for by relation, with its rules: the
 * joint-use announcement (art. 27(5)(iii)), the foreign-transfer information (art. 28) and a filed
 * opt-out route (art. 27(2)), which never carries special-care data.
 */
final class RecipientLawReader {

    private static final Set<String> JOINT_USE_KEYS = Set.of("data-items", "joint-users", "purposes", "responsible");
    private static final Set<String> FOREIGN_KEYS = Set.of("system-info", "recipient-measures");
    private static final Set<String> OPT_OUT_KEYS = Set.of("acquisition-method", "provision-method",
            "request-method", "update-method", "start-date");

    private final Problems problems;

    RecipientLawReader(Problems problems) {
        this.problems = problems;
    }

    /** The joint-use block: required for a joint user, refused for any other relation. */
    @Nullable JointUse jointUse(Fields f, @Nullable Relation relation, Map<String, DataItem> dataItems) {
        Fields joint = relation == Relation.JOINT_USER
                ? f.object("joint-use", LegalRule.APPI_27_JOINT_USE, "a joint user comes with the announced items "
                        + "(data items, joint users, purposes, responsible party; APPI art. 27(5)(iii))", JOINT_USE_KEYS)
                : f.object("joint-use", false, JOINT_USE_KEYS);
        if (joint == null) {
            return null;
        }
        if (relation != null && relation != Relation.JOINT_USER) {
            problems.error(LegalRule.APPI_27_JOINT_USE, f.path("joint-use"), f.at("joint-use"),
                    "only a joint-user recipient has a joint-use block");
        }
        List<String> jointItems = joint.references("data-items", dataItems.keySet(), "data item");
        if (jointItems.isEmpty()) {
            problems.error(LegalRule.APPI_27_JOINT_USE, joint.path("data-items"), joint.at("data-items"),
                    "joint use must list the data items used jointly (APPI art. 27(5)(iii))");
        }
        LocalizedText users = joint.localized("joint-users", LegalRule.APPI_27_JOINT_USE);
        LocalizedText jointPurposes = joint.localized("purposes", LegalRule.APPI_27_JOINT_USE);
        Party party = PartyReader.read(joint, "responsible", LegalRule.APPI_27_JOINT_USE,
                "name the party responsible for the joint use (APPI art. 27(5)(iii))", true);
        return users != null && jointPurposes != null && party != null
                ? new JointUse(jointItems, users, jointPurposes, party) : null;
    }

    /** The foreign-transfer block: required for a third party outside Japan. */
    @Nullable ForeignTransfer foreignTransfer(Fields f, @Nullable Relation relation, List<String> countries) {
        List<String> abroad = countries.stream().filter(c -> !"JP".equals(c)).toList();
        boolean foreignThirdParty = relation == Relation.THIRD_PARTY && !abroad.isEmpty();
        Fields foreignFields = f.object("foreign-transfer", false, FOREIGN_KEYS);
        if (foreignFields == null && foreignThirdParty && !f.has("foreign-transfer")) {
            problems.error(LegalRule.APPI_28_FOREIGN_TRANSFER, f.path("foreign-transfer"), f.node(), "a third party in " + String.join(", ", abroad) + " needs foreign-transfer "
                    + "information (the country's protection system and the recipient's measures; APPI art. 28)");
        }
        if (foreignFields == null) {
            return null;
        }
        LocalizedText system = foreignFields.localized("system-info", LegalRule.APPI_28_FOREIGN_TRANSFER);
        LocalizedText measures = foreignFields.localized("recipient-measures", LegalRule.APPI_28_FOREIGN_TRANSFER);
        return system != null && measures != null ? new ForeignTransfer(system, measures) : null;
    }

    /** A filed opt-out route: only for a third party, never for special-care data. */
    @Nullable OptOutRoute optOutRoute(Fields f, @Nullable Relation relation, List<String> items, Map<String, DataItem> dataItems) {
        Fields route = f.object("opt-out-route", false, OPT_OUT_KEYS);
        if (route == null) {
            return null;
        }
        if (relation != null && relation != Relation.THIRD_PARTY) {
            problems.error(LegalRule.APPI_27_OPT_OUT_ROUTE, f.path("opt-out-route"), f.at("opt-out-route"), "only a third party can receive data by an opt-out route");
        }
        LocalizedText acquisition = route.localized("acquisition-method", LegalRule.APPI_27_OPT_OUT_ROUTE);
        LocalizedText provision = route.localized("provision-method", LegalRule.APPI_27_OPT_OUT_ROUTE);
        LocalizedText request = route.localized("request-method", LegalRule.APPI_27_OPT_OUT_ROUTE);
        LocalizedText update = route.localized("update-method", LegalRule.APPI_27_OPT_OUT_ROUTE);
        LocalDate start = route.date("start-date", true);
        for (String item : items) {
            DataItem dataItem = dataItems.get(item);
            if (dataItem != null && dataItem.sensitive()) {
                problems.error(LegalRule.APPI_27_OPT_OUT_ROUTE, f.path("opt-out-route"), f.at("opt-out-route"), "special-care data ('" + item
                        + "') may never be provided by an opt-out route (APPI art. 27(2))");
            }
        }
        return acquisition != null && provision != null && request != null && update != null && start != null
                ? new OptOutRoute(acquisition, provision, request, update, start) : null;
    }
}
