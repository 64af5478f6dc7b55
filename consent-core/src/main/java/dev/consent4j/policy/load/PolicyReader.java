package dev.consent4j.policy.load;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.DataAbroad;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds a located document tree to a {@link Policy}: reads the top level and hands each section to
 * its reader, in the order their references need. Every problem is collected; the policy is built
 * only when there are no errors. The file format is described in {@code docs/policy-format.md}.
 */
final class PolicyReader {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Set<String> ROOT_KEYS = Set.of("id", "version", "effective-date", "languages", "operator",
            "consent-validity", "data-items", "channels", "purposes", "cookie-categories", "recipients", "trackers",
            "history", "minors", "sources", "data-abroad", "banner");
    private static final Validity DEFAULT_VALIDITY = Validity.grants(Period.ofMonths(12));

    private final Problems problems;
    private final BasisReader bases;
    private final ValidityReader validities;

    PolicyReader(Problems problems) {
        this.problems = problems;
        this.bases = new BasisReader(problems);
        this.validities = new ValidityReader(problems);
    }

    /** The policy, or {@code null} when any error was reported. */
    @Nullable Policy read(Node root) {
        if (!(root instanceof ObjectNode)) {
            problems.error("", root, "a policy file is a mapping with keys such as id, version and purposes, but this one is "
                    + root.kindName());
            return null;
        }
        List<String> languages = readLanguages((ObjectNode) root);
        Fields top = Objects.requireNonNull(Fields.of(root, "", problems, languages, ROOT_KEYS), "the root is a mapping");
        String id = top.id("id");
        String version = top.text("version", true);
        LocalDate effectiveDate = top.date("effective-date", true);
        ValidityRule validity = validities.read(top, "consent-validity", DEFAULT_VALIDITY, true);
        Validity purposeBase = validity == null ? DEFAULT_VALIDITY : validity.byDefault();
        Party operator = PartyReader.read(top, "operator", LegalRule.APPI_32_OPERATOR,
                "name the shop, its address and representative (APPI art. 32(1)(i))", true);

        CatalogueReader catalogue = new CatalogueReader();
        Map<String, DataItem> dataItems = catalogue.dataItems(top);
        CatalogueReader.Channels channels = catalogue.channels(top);

        Set<String> purposeIds = collectIds(top, "purposes");
        Set<String> categoryIds = collectIds(top, "cookie-categories");
        Set<String> recipientIds = collectIds(top, "recipients");
        for (String shared : purposeIds) {
            if (categoryIds.contains(shared)) {
                problems.error("cookie-categories", top.at("cookie-categories"), "id '" + shared
                        + "' is used by a purpose and a cookie category; topic ids must be unique across both");
            }
        }

        PurposeReader purposeReader = new PurposeReader(problems, bases, validities);
        List<Purpose> purposes = purposeReader.read(top, dataItems, channels, recipientIds, categoryIds, purposeBase);
        List<CookieCategory> categories = new CookieCategoryReader(problems, bases).read(top);
        Map<String, CookieCategory> categoryById = new LinkedHashMap<>();
        categories.forEach(c -> categoryById.put(c.id(), c));
        purposeReader.checkCategories(categoryById);
        Map<String, Purpose> purposeById = new LinkedHashMap<>();
        purposes.forEach(p -> purposeById.put(p.id(), p));
        List<Recipient> recipients = new RecipientReader(problems).read(top, dataItems, purposeById, purposeIds);
        List<Tracker> trackers = new TrackerReader(problems).read(top, recipientIds, categoryIds, categoryById);
        List<DataSource> sources = new SourcesReader(problems).read(top, dataItems.keySet(), purposeIds);
        DataAbroad dataAbroad = new DataAbroadReader(problems).read(top);
        Set<String> topicIds = new HashSet<>(purposeIds);
        topicIds.addAll(categoryIds);
        Map<String, List<String>> channelsByPurpose = new LinkedHashMap<>();
        purposes.forEach(p -> channelsByPurpose.put(p.id(), p.channels()));
        List<Revision> history = new HistoryReader(problems).read(top, version, topicIds, channelsByPurpose);
        MinorRuleReader minorRules = new MinorRuleReader(problems);
        List<MinorRule> minors = top.collect("minors", MinorRuleReader.KEYS, f -> minorRules.read(f,
                f.references("purposes", topicIds, "purpose or cookie category"), purposeById, categoryById));
        minorRules.checkPrecedence();
        BannerSettings banner = new BannerReader(problems).read(top, categories, purposes);

        if (problems.hasErrors() || id == null || version == null || effectiveDate == null || operator == null) {
            return null;
        }
        try {
            Policy.Builder builder = Policy.builder(id, version).effectiveDate(effectiveDate).languages(languages)
                    .operator(operator);
            if (validity != null) {
                builder.validity(validity);
            }
            dataItems.values().forEach(builder::dataItem);
            channels.known().values().stream().filter(c -> channels.declared().contains(c.id())).forEach(builder::channel);
            purposes.forEach(builder::purpose);
            categories.forEach(builder::cookieCategory);
            recipients.forEach(builder::recipient);
            trackers.forEach(builder::tracker);
            history.forEach(builder::revision);
            minors.forEach(builder::minorRule);
            sources.forEach(builder::source);
            builder.dataAbroad(dataAbroad);
            return builder.banner(banner).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error("", root, String.valueOf(e.getMessage()));
            return null;
        }
    }

    private List<String> readLanguages(ObjectNode root) {
        Node node = root.fields().get("languages");
        if (node == null) {
            return List.of("ja", "en");
        }
        Fields holder = Fields.of(root, "", new Problems("ignored"), List.of(), ROOT_KEYS);
        List<String> languages = holder == null ? List.of() : holder.texts("languages");
        List<String> valid = new ArrayList<>();
        if (!(node instanceof Node.ArrayNode)) {
            problems.error("languages", node, "expected a list of language tags such as [ja, en] but found "
                    + Fields.describe(node));
        }
        for (int i = 0; i < languages.size(); i++) {
            String language = languages.get(i);
            if (!LANGUAGE.matcher(language).matches()) {
                problems.error("languages[" + i + "]", node, "'" + language + "' is not a language tag such as ja or en");
            } else if (valid.contains(language)) {
                problems.error("languages[" + i + "]", node, "language '" + language + "' is listed twice");
            } else {
                valid.add(language);
            }
        }
        if (valid.isEmpty()) {
            problems.error("languages", node, "at least one language is needed; Japanese shops give [ja, en]");
            return List.of("ja", "en");
        }
        return List.copyOf(valid);
    }

    /** The ids a section declares, read ahead so that earlier sections can refer to later ones. */
    private static Set<String> collectIds(Fields top, String section) {
        Set<String> ids = new LinkedHashSet<>();
        for (Node item : top.list(section)) {
            if (item instanceof ObjectNode object && object.fields().get("id") instanceof ScalarNode id && id.text() != null) {
                ids.add(id.text().trim());
            }
        }
        return ids;
    }
}
