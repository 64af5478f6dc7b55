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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code recipients}: who receives personal data, in which relation and country, what and
 * why; the blocks APPI asks for by relation come from {@link RecipientLawReader} and the legal
 * grounds and examples from {@link RecipientExtrasReader}.
 */
final class RecipientReader {

    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> KEYS = Set.of("id", "name", "relation", "country", "countries", "hosts",
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

    private @Nullable Recipient recipient(Fields f, Set<String> seen, Map<String, DataItem> dataItems, Set<String> purposeIds,
            Map<String, Purpose> purposeById) {
        String id = f.uniqueId(seen);
        LocalizedText name = f.localized("name", true);
        String relationText = f.text("relation", true);
        Relation relation = relationText == null ? null : Relation.fromId(relationText);
        if (relationText != null && relation == null) {
            problems.error(f.path("relation"), f.at("relation"), "relation must be third-party, processor, joint-user or "
                    + "successor, but was '" + relationText + "'" + Suggestions.didYouMean(relationText, RELATIONS));
        }
        List<String> countries = countries(f);
        List<String> hosts = f.hosts("hosts");
        List<String> items = f.references("data-items", dataItems.keySet(), "data item");
        List<String> purposes = f.references("purposes", purposeIds, "purpose");
        URI notice = privacyNotice(f);
        JointUse jointUse = law.jointUse(f, relation, dataItems);
        ForeignTransfer foreign = law.foreignTransfer(f, relation, countries == null ? List.of() : countries);
        OptOutRoute optOut = law.optOutRoute(f, relation, items, dataItems);
        RecipientExtrasReader.Extras more = extras.read(f, name, relation, jointUse, purposes, purposeById);
        LocalDate successionStart = f.date("succession-start-date", false);
        if (successionStart != null && relation != null && relation != Relation.SUCCESSOR) {
            problems.error(LegalRule.APPI_27_GROUND_RELATION, f.path("succession-start-date"), f.at("succession-start-date"),
                    "only a successor has a succession-start-date (the day it takes the business over), but this recipient's "
                            + "relation is " + relation.id());
            successionStart = null;
        }
        if (id == null || name == null || relation == null || countries == null) {
            return null;
        }
        return new Recipient(id, name, relation, countries, hosts, items, purposes, notice, f.flag("links-to-person"),
                jointUse, foreign, optOut, more.grounds(), more.examples(), more.andOthers(), successionStart);
    }

    /**
     * Where the recipient handles data: {@code country: JP}, or several as {@code country: [US, SG]}
     * or {@code countries: [US, SG]}; {@code null} after reporting a problem.
     */
    private @Nullable List<String> countries(Fields f) {
        if (f.has("country") && f.has("countries")) {
            problems.error(f.path("countries"), f.at("countries"), "give country or countries, not both; "
                    + "countries: [US, SG] lists every country where the recipient handles data");
            return null;
        }
        String key = f.has("countries") ? "countries" : "country";
        boolean array = f.has(key) && f.at(key) instanceof Node.ArrayNode;
        boolean list = array || key.equals("countries");
        String one = list ? null : f.text(key, true);
        List<String> given = list ? f.texts(key) : one == null ? List.of() : List.of(one);
        if (given.isEmpty()) {
            if (array) {
                problems.error(f.path(key), f.at(key), key + " lists at least one country, e.g. [JP]");
            }
            return null;
        }
        List<String> countries = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String country = given.get(i);
            String path = list ? PathNames.item(f.path(key), i) : f.path(key);
            if (!COUNTRY.matcher(country).matches()) {
                problems.error(path, f.at(key), key + " must be " + (list ? "ISO 3166-1 codes" : "an ISO 3166-1 code")
                        + " such as JP or US, but " + (list ? "has '" : "was '") + country + "'");
            } else if (countries.contains(country)) {
                problems.error(path, f.at(key), "country '" + country + "' is listed twice");
            } else {
                countries.add(country);
            }
        }
        return countries.size() == given.size() ? countries : null;
    }

    private @Nullable URI privacyNotice(Fields f) {
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
