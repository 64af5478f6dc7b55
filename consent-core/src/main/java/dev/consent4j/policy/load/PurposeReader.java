package dev.consent4j.policy.load;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.MessageKind;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.StopUse;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code purposes}: each purpose's basis, what it uses and whom it involves, with the rules of
 * {@link PurposeRules}. Whether a necessary purpose rests on cookies a person may refuse is checked
 * once the cookie categories are read ({@link #checkCategories}).
 */
final class PurposeReader {

    static final Set<String> KEYS = Set.copyOf(union(Set.of("id", "title", "description", "basis", "data-items",
            "recipients", "channels", "sale-or-sharing", "targeted-advertising", "message-kind", "cookie-categories"),
            PurposeRules.KEYS));

    private final Problems problems;
    private final BasisReader bases;
    private final PurposeRules rules;
    private final ValidityReader validities;
    private final List<Consumer<Map<String, CookieCategory>>> afterCategories = new ArrayList<>();

    PurposeReader(Problems problems, BasisReader bases, ValidityReader validities) {
        this.problems = problems;
        this.bases = bases;
        this.rules = new PurposeRules(problems, bases);
        this.validities = validities;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The purposes read without errors, in policy order. */
    List<Purpose> read(Fields top, Map<String, DataItem> dataItems, CatalogueReader.Channels channels,
            Set<String> recipientIds, Set<String> categoryIds, Validity validityBase) {
        Set<String> seen = new HashSet<>();
        return top.collect("purposes", KEYS, f -> purpose(f, seen, dataItems, channels, recipientIds, categoryIds,
                validityBase));
    }

    /** Runs the checks that need the cookie categories the purposes name. */
    void checkCategories(Map<String, CookieCategory> categoryById) {
        afterCategories.forEach(check -> check.accept(categoryById));
    }

    private @Nullable Purpose purpose(Fields f, Set<String> seen, Map<String, DataItem> dataItems, CatalogueReader.Channels channels,
            Set<String> recipientIds, Set<String> categoryIds, Validity validityBase) {
        String id = f.uniqueId(seen);
        LocalizedText title = f.localized("title", true);
        LocalizedText description = f.localized("description", false);
        BasisRule basis = bases.required(f);
        List<String> items = f.references("data-items", dataItems.keySet(), "data item");
        List<String> recipients = f.references("recipients", recipientIds, "recipient");
        List<String> purposeChannels = f.references("channels", channels.known().keySet(), "channel");
        List<String> categories = f.references("cookie-categories", categoryIds, "cookie category");
        if (basis != null && !categories.isEmpty()) {
            // A purpose that needs no choice cannot rest on cookies a person may refuse.
            afterCategories.add(categoryById -> necessaryThroughChoosable(f, id, basis, categories, categoryById));
        }
        MessageKind kind = messageKind(f);
        if (kind == null && !purposeChannels.isEmpty() && basis != null && !basis.alwaysNecessary()) {
            kind = MessageKind.SUBSCRIPTION;
        }
        Map<String, BasisRule> channelBases = rules.channelBases(f, basis, purposeChannels);
        rules.electronicMailOptIn(f, basis, channelBases, purposeChannels, channels.known(), kind);
        StopUse stopUse = rules.stopUse(f, basis, purposeChannels);
        ValidityRule validity = validities.read(f, "validity", validityBase, false);
        if (id == null || title == null || basis == null) {
            return null;
        }
        return Purpose.builder(id).title(title).description(Fields.orEmpty(description)).basis(basis).dataItems(items)
                .recipients(recipients).channels(purposeChannels).saleOrSharing(f.flag("sale-or-sharing"))
                .targetedAdvertising(f.flag("targeted-advertising")).messageKind(kind).cookieCategories(categories)
                .channelBases(channelBases).stopUse(stopUse).validity(validity).build();
    }

    private @Nullable MessageKind messageKind(Fields f) {
        String text = f.text("message-kind", false);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "transactional" -> MessageKind.TRANSACTIONAL;
            case "subscription" -> MessageKind.SUBSCRIPTION;
            default -> {
                problems.error(f.path("message-kind"), f.at("message-kind"),
                        "message-kind must be transactional or subscription, but was '" + text + "'");
                yield null;
            }
        };
    }

    private void necessaryThroughChoosable(Fields f, @Nullable String purposeId, BasisRule basis, List<String> categoryIds,
            Map<String, CookieCategory> categoryById) {
        Set<String> codes = new TreeSet<>(basis.overrides().keySet());
        codes.add(Jurisdiction.UNKNOWN.code());
        for (String categoryId : categoryIds) {
            CookieCategory category = categoryById.get(categoryId);
            if (category == null) {
                continue;
            }
            codes.addAll(category.basis().overrides().keySet());
            for (String code : codes) {
                Jurisdiction where = Jurisdiction.of(code);
                if (basis.in(where) == Basis.NECESSARY && category.basis().in(where) != Basis.NECESSARY) {
                    problems.error(f.path("cookie-categories"), f.at("cookie-categories"), "purpose '" + purposeId
                            + "' is necessary" + (where == Jurisdiction.UNKNOWN ? "" : " in " + code)
                            + " but is carried out through cookie category '" + categoryId + "', which a person may refuse there; "
                            + "make the purpose choosable or move its cookies to a necessary category");
                    return;
                }
            }
        }
    }
}
