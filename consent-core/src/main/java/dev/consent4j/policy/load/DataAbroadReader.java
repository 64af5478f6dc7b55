package dev.consent4j.policy.load;

import dev.consent4j.policy.DataAbroad;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code data-abroad}, the policy's statement of where outside Japan personal data is
 * handled ({@code countries: []} for nowhere), and warns about each recipient whose country
 * contradicts it.
 */
final class DataAbroadReader {

    private static final Set<String> KEYS = Set.of("countries", "note");

    private final Problems problems;

    DataAbroadReader(Problems problems) {
        this.problems = problems;
    }

    /** The declaration, or {@code null} when the policy makes none (or it is malformed, after reporting). */
    @Nullable DataAbroad read(Fields top) {
        Fields f = top.object("data-abroad", false, KEYS);
        if (f == null) {
            return null;
        }
        if (!f.has("countries")) {
            problems.error(LegalRule.APPI_32_HANDLING_ABROAD, f.path("countries"), f.node(), "required field 'countries' is missing; write countries: [] "
                    + "when personal data is not handled outside Japan, or list where it is, e.g. [US, SG]");
            return null;
        }
        List<String> countries = new ArrayList<>();
        List<String> given = f.texts("countries");
        for (int i = 0; i < given.size(); i++) {
            String country = given.get(i);
            if (!RecipientReader.COUNTRY.matcher(country).matches() || country.equals("JP")) {
                problems.error(PathNames.item(f.path("countries"), i), f.at("countries"), "countries lists ISO 3166-1 codes "
                        + "of countries other than Japan, such as US or SG, but '" + country + "' is not one");
            } else {
                countries.add(country);
            }
        }
        LocalizedText note = f.localized("note", false);
        DataAbroad declared = new DataAbroad(countries, Fields.orEmpty(note));
        List<Node> recipients = top.list("recipients");
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i) instanceof ObjectNode recipient) {
                String path = PathNames.item("recipients", i);
                check(recipient.fields().get("country"), PathNames.child(path, "country"), declared, countries);
                check(recipient.fields().get("countries"), PathNames.child(path, "countries"), declared, countries);
            }
        }
        return declared;
    }

    /** Warns about each country of a recipient's {@code country} or {@code countries} that the declaration does not allow. */
    private void check(@Nullable Node given, String path, DataAbroad declared, List<String> countries) {
        if (given instanceof ScalarNode country) {
            warnUnlessAllowed(country, path, declared, countries);
        } else if (given instanceof Node.ArrayNode list) {
            for (int j = 0; j < list.items().size(); j++) {
                if (list.items().get(j) instanceof ScalarNode country) {
                    warnUnlessAllowed(country, PathNames.item(path, j), declared, countries);
                }
            }
        }
    }

    private void warnUnlessAllowed(ScalarNode country, String path, DataAbroad declared, List<String> countries) {
        String code = country.text() == null ? "" : country.text().trim();
        if (RecipientReader.COUNTRY.matcher(code).matches() && !declared.allows(code)) {
            problems.warning(LegalRule.APPI_32_HANDLING_ABROAD, path, country, "recipient in " + code
                    + (declared.handledAbroad()
                            ? ", which data-abroad.countries " + countries + " does not list; add it there"
                            : ", but data-abroad says personal data is not handled outside Japan")
                    + " (APPI art. 32(1): the handling environment abroad must be disclosed)");
        }
    }
}
