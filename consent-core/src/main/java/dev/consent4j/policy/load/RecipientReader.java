package dev.consent4j.policy.load;

import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.ForeignTransfer;
import dev.consent4j.policy.JointUse;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.OptOutRoute;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code recipients}: who receives personal data, in which relation and country, what and
 * why; the blocks APPI asks for by relation come from {@link RecipientLawReader} and the legal
 * grounds and examples from {@link RecipientExtrasReader}.
 */
final class RecipientReader {

    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> KEYS = Set.of("id", "name", "relation", "country", "hosts",
            "data-items", "purposes", "privacy-notice", "links-to-person", "joint-use", "foreign-transfer",
            "opt-out-route", "legal-grounds", "examples", "and-others", "succession-start-date");
    private static final List<String> RELATIONS = Arrays.stream(Relation.values()).map(Relation::id).toList();

    private final Problems problems;
    private final RecipientLawReader law;
    private final RecipientExtrasReader extras;

    RecipientReader(Problems problems) {
        this.problems = problems;
        this.law = new RecipientLawReader(problems);
        this.extras = new RecipientExtrasReader(problems);
    }

    /** The recipients read without errors, in policy order. */
    List<Recipient> read(Fields top, Map<String, DataItem> dataItems, Map<String, Purpose> purposeById,
            Set<String> purposeIds) {
        Set<String> seen = new HashSet<>();
        return top.collect("recipients", KEYS, f -> recipient(f, seen, dataItems, purposeIds, purposeById));
    }

    private Recipient recipient(Fields f, Set<String> seen, Map<String, DataItem> dataItems, Set<String> purposeIds,
            Map<String, Purpose> purposeById) {
        String id = f.uniqueId(seen);
        LocalizedText name = f.localized("name", true);
        String relationText = f.text("relation", true);
        Relation relation = relationText == null ? null : Relation.fromId(relationText);
        if (relationText != null && relation == null) {
            problems.error(f.path("relation"), f.at("relation"), "relation must be third-party, processor, joint-user or "
                    + "successor, but was '" + relationText + "'" + Suggestions.didYouMean(relationText, RELATIONS));
        }
        String country = f.text("country", true);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            problems.error(f.path("country"), f.at("country"), "country must be an ISO 3166-1 code such as JP or US, but was '"
                    + country + "'");
            country = null;
        }
        List<String> hosts = f.hosts("hosts");
        List<String> items = f.references("data-items", dataItems.keySet(), "data item");
        List<String> purposes = f.references("purposes", purposeIds, "purpose");
        URI notice = privacyNotice(f);
        JointUse jointUse = law.jointUse(f, relation, dataItems);
        ForeignTransfer foreign = law.foreignTransfer(f, relation, country);
        OptOutRoute optOut = law.optOutRoute(f, relation, items, dataItems);
        RecipientExtrasReader.Extras more = extras.read(f, name, relation, jointUse, purposes, purposeById);
        LocalDate successionStart = f.date("succession-start-date", false);
        if (successionStart != null && relation != null && relation != Relation.SUCCESSOR) {
            problems.error(LegalRule.APPI_27_GROUND_RELATION, f.path("succession-start-date"), f.at("succession-start-date"),
                    "only a successor has a succession-start-date (the day it takes the business over), but this recipient's "
                            + "relation is " + relation.id());
            successionStart = null;
        }
        if (id == null || name == null || relation == null || country == null) {
            return null;
        }
        return new Recipient(id, name, relation, country, hosts, items, purposes, notice, f.flag("links-to-person"),
                jointUse, foreign, optOut, more.grounds(), more.examples(), more.andOthers(), successionStart);
    }

    private URI privacyNotice(Fields f) {
        String text = f.text("privacy-notice", false);
        if (text == null) {
            return null;
        }
        try {
            URI notice = new URI(text);
            if (!"https".equals(notice.getScheme()) && !"http".equals(notice.getScheme())) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            return notice;
        } catch (URISyntaxException e) {
            problems.error(f.path("privacy-notice"), f.at("privacy-notice"), "privacy-notice must be an https URL, but was '"
                    + text + "'");
            return null;
        }
    }
}
