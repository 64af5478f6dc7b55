package dev.consent4j.policy.load;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.Channel;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.ForeignTransfer;
import dev.consent4j.policy.JointUse;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.MessageKind;
import dev.consent4j.policy.MinorRule;
import dev.consent4j.policy.OptOutRoute;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import dev.consent4j.policy.match.HostMatcher;
import dev.consent4j.policy.match.NameMatcher;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds a located document tree to a {@link Policy}, checking structure, references and the legal
 * rules a policy must follow. Every problem is collected; the policy is built only when there
 * are no errors. The file format is described in {@code docs/policy-format.md}.
 */
final class PolicyReader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern VAGUE_ENDING = Pattern.compile(".*(等|など|etc\\.?|and so on)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> ROOT_KEYS = Set.of("id", "version", "effective-date", "languages", "operator",
            "consent-validity", "data-items", "channels", "purposes", "cookie-categories", "recipients", "trackers",
            "history", "minors", "banner");
    private static final Set<String> PARTY_KEYS = Set.of("name", "address", "representative", "contact");
    private static final Set<String> DATA_ITEM_KEYS = Set.of("id", "title", "sensitive", "related-info");
    private static final Set<String> CHANNEL_KEYS = Set.of("id", "title", "electronic-mail");
    private static final Set<String> PURPOSE_KEYS = Set.of("id", "title", "description", "basis", "data-items",
            "recipients", "channels", "sale-or-sharing", "targeted-advertising", "message-kind", "cookie-categories");
    private static final Set<String> CATEGORY_KEYS = Set.of("id", "title", "description", "basis", "cookies",
            "consent-mode");
    private static final Set<String> COOKIE_KEYS = Set.of("name", "domains", "path", "set-by", "storage",
            "justification");
    private static final Set<String> RECIPIENT_KEYS = Set.of("id", "name", "relation", "country", "hosts",
            "data-items", "purposes", "privacy-notice", "links-to-person", "joint-use", "foreign-transfer",
            "opt-out-route");
    private static final Set<String> JOINT_USE_KEYS = Set.of("data-items", "joint-users", "purposes", "responsible");
    private static final Set<String> FOREIGN_KEYS = Set.of("system-info", "recipient-measures");
    private static final Set<String> OPT_OUT_KEYS = Set.of("acquisition-method", "provision-method",
            "request-method", "update-method", "start-date");
    private static final Set<String> TRACKER_KEYS = Set.of("id", "recipient", "category", "service", "hosts",
            "requests", "cookies", "sends", "site-purpose", "recipient-purpose");
    private static final Set<String> REVISION_KEYS = Set.of("version", "effective-date", "changed");
    private static final Set<String> MINOR_KEYS = Set.of("jurisdiction", "guardian-below-age", "purposes");

    private final Problems problems;

    PolicyReader(Problems problems) {
        this.problems = problems;
    }

    /** The policy, or {@code null} when any error was reported. */
    Policy read(Node root) {
        if (!(root instanceof ObjectNode)) {
            problems.error("", root, "a policy file is a mapping with keys such as id, version and purposes, but this one is "
                    + root.kindName());
            return null;
        }
        List<String> languages = readLanguages((ObjectNode) root);
        Fields top = Fields.of(root, "", problems, languages, ROOT_KEYS);
        String id = idField(top, "id");
        String version = top.text("version", true);
        LocalDate effectiveDate = date(top, "effective-date", true);
        Period validity = period(top, "consent-validity");
        Fields operatorFields = top.object("operator", true, PARTY_KEYS);
        Party operator = operatorFields == null ? null : party(operatorFields, true);

        Map<String, DataItem> dataItems = new LinkedHashMap<>();
        Set<String> seenItems = new HashSet<>();
        forEach(top, "data-items", DATA_ITEM_KEYS, (f, path) -> {
            String itemId = uniqueId(f, seenItems);
            LocalizedText title = f.localized("title", true);
            if (itemId != null && title != null) {
                dataItems.put(itemId, new DataItem(itemId, title, f.flag("sensitive"), f.flag("related-info")));
            }
        });
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String builtIn : Channel.BUILT_IN) {
            channels.put(builtIn, Channel.builtIn(builtIn));
        }
        Set<String> declaredChannels = new HashSet<>();
        forEach(top, "channels", CHANNEL_KEYS, (f, path) -> {
            String channelId = uniqueId(f, declaredChannels);
            LocalizedText title = f.localized("title", true);
            if (channelId != null && title != null) {
                boolean electronic = f.has("electronic-mail") ? f.flag("electronic-mail")
                        : Channel.BUILT_IN.contains(channelId) && Channel.builtIn(channelId).electronicMail();
                channels.put(channelId, new Channel(channelId, title, electronic));
            }
        });

        Set<String> purposeIds = collectIds(top, "purposes");
        Set<String> categoryIds = collectIds(top, "cookie-categories");
        Set<String> recipientIds = collectIds(top, "recipients");
        for (String shared : purposeIds) {
            if (categoryIds.contains(shared)) {
                problems.error("cookie-categories", top.at("cookie-categories"), "id '" + shared
                        + "' is used by a purpose and a cookie category; topic ids must be unique across both");
            }
        }

        List<Purpose> purposes = new ArrayList<>();
        Set<String> seenPurposes = new HashSet<>();
        List<java.util.function.Consumer<Map<String, CookieCategory>>> afterCategories = new ArrayList<>();
        forEach(top, "purposes", PURPOSE_KEYS, (f, path) -> {
            Purpose purpose = purpose(f, seenPurposes, dataItems, channels, recipientIds, categoryIds, afterCategories);
            if (purpose != null) {
                purposes.add(purpose);
            }
        });
        List<CookieCategory> categories = new ArrayList<>();
        Set<String> seenCategories = new HashSet<>();
        Set<String> seenCookieNames = new HashSet<>();
        forEach(top, "cookie-categories", CATEGORY_KEYS, (f, path) -> {
            CookieCategory category = category(f, seenCategories, seenCookieNames);
            if (category != null) {
                categories.add(category);
            }
        });
        Map<String, CookieCategory> categoryById = new LinkedHashMap<>();
        categories.forEach(c -> categoryById.put(c.id(), c));
        afterCategories.forEach(check -> check.accept(categoryById));
        Map<String, Purpose> purposeById = new LinkedHashMap<>();
        purposes.forEach(p -> purposeById.put(p.id(), p));
        List<Recipient> recipients = new ArrayList<>();
        Set<String> seenRecipients = new HashSet<>();
        forEach(top, "recipients", RECIPIENT_KEYS, (f, path) -> {
            Recipient recipient = recipient(f, seenRecipients, dataItems, purposeIds);
            if (recipient != null) {
                recipients.add(recipient);
            }
        });
        List<Tracker> trackers = new ArrayList<>();
        Set<String> seenTrackers = new HashSet<>();
        forEach(top, "trackers", TRACKER_KEYS, (f, path) -> {
            Tracker tracker = tracker(f, seenTrackers, recipientIds, categoryIds, categoryById);
            if (tracker != null) {
                trackers.add(tracker);
            }
        });
        Set<String> topicIds = new HashSet<>(purposeIds);
        topicIds.addAll(categoryIds);
        List<Revision> history = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        forEach(top, "history", REVISION_KEYS, (f, path) -> {
            String revisionVersion = f.text("version", true);
            if (revisionVersion != null && !versions.add(revisionVersion)) {
                problems.error(f.path("version"), f.at("version"), "version '" + revisionVersion + "' appears twice in the history");
            }
            List<String> changed = references(f, "changed", topicIds, "purpose or cookie category");
            LocalDate revisionDate = date(f, "effective-date", false);
            if (revisionVersion != null) {
                history.add(new Revision(revisionVersion, revisionDate, changed));
            }
        });
        if (!history.isEmpty() && version != null && history.stream().noneMatch(r -> r.version().equals(version))) {
            problems.error("history", top.at("history"), "the history does not list the current version '" + version
                    + "'; add it as the last revision, with the topics it changed");
        }
        List<MinorRule> minors = new ArrayList<>();
        forEach(top, "minors", MINOR_KEYS, (f, path) -> {
            MinorRule rule = minorRule(f, topicIds);
            if (rule != null) {
                minors.add(rule);
            }
        });

        BannerSettings banner = new BannerReader(problems).read(top, categories, purposes);

        if (problems.hasErrors()) {
            return null;
        }
        try {
            Policy.Builder builder = Policy.builder(id, version).effectiveDate(effectiveDate).languages(languages)
                    .operator(operator);
            if (validity != null) {
                builder.consentValidity(validity);
            }
            dataItems.values().forEach(builder::dataItem);
            channels.values().stream().filter(c -> declaredChannels.contains(c.id())).forEach(builder::channel);
            purposes.forEach(builder::purpose);
            categories.forEach(builder::cookieCategory);
            recipients.forEach(builder::recipient);
            trackers.forEach(builder::tracker);
            history.forEach(builder::revision);
            minors.forEach(builder::minorRule);
            return builder.banner(banner).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.error("", root, e.getMessage());
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

    private Purpose purpose(Fields f, Set<String> seen, Map<String, DataItem> dataItems, Map<String, Channel> channels,
            Set<String> recipientIds, Set<String> categoryIds,
            List<java.util.function.Consumer<Map<String, CookieCategory>>> afterCategories) {
        String id = uniqueId(f, seen);
        LocalizedText title = f.localized("title", true);
        LocalizedText description = f.localized("description", false);
        BasisRule basis = basis(f);
        List<String> items = references(f, "data-items", dataItems.keySet(), "data item");
        List<String> recipients = references(f, "recipients", recipientIds, "recipient");
        List<String> purposeChannels = references(f, "channels", channels.keySet(), "channel");
        List<String> categories = references(f, "cookie-categories", categoryIds, "cookie category");
        if (basis != null && !categories.isEmpty()) {
            // A purpose that needs no choice cannot rest on cookies a person may refuse.
            afterCategories.add(categoryById -> necessaryThroughChoosable(f, id, basis, categories, categoryById));
        }
        MessageKind kind = null;
        String kindText = f.text("message-kind", false);
        if (kindText != null) {
            kind = switch (kindText) {
                case "transactional" -> MessageKind.TRANSACTIONAL;
                case "subscription" -> MessageKind.SUBSCRIPTION;
                default -> {
                    problems.error(f.path("message-kind"), f.at("message-kind"), "message-kind must be transactional or subscription, but was '" + kindText + "'");
                    yield null;
                }
            };
        }
        if (kind == null && !purposeChannels.isEmpty() && basis != null && !basis.alwaysNecessary()) {
            kind = MessageKind.SUBSCRIPTION;
        }
        if (basis != null && kind == MessageKind.SUBSCRIPTION) {
            boolean electronic = purposeChannels.stream().map(channels::get).anyMatch(c -> c != null && c.electronicMail());
            if (electronic) {
                for (String code : jurisdictionsToCheck(basis, "JP")) {
                    if (basis.in(Jurisdiction.of(code)) == Basis.OPT_OUT) {
                        problems.error(f.path("basis"), f.at("basis"), "advertising by e-mail or SMS must be opt-in in "
                                + code + " (特定電子メール法 3条, Act on Specified Electronic Mail art. 3); "
                                + "set basis to opt-in there, or move post/phone marketing into its own purpose");
                        break;
                    }
                }
            }
        }
        if (id == null || title == null || basis == null) {
            return null;
        }
        return Purpose.builder(id).title(title).description(description).basis(basis).dataItems(items)
                .recipients(recipients).channels(purposeChannels).saleOrSharing(f.flag("sale-or-sharing"))
                .targetedAdvertising(f.flag("targeted-advertising")).messageKind(kind).cookieCategories(categories).build();
    }

    private void necessaryThroughChoosable(Fields f, String purposeId, BasisRule basis, List<String> categoryIds,
            Map<String, CookieCategory> categoryById) {
        Set<String> codes = new java.util.TreeSet<>(basis.overrides().keySet());
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

    private CookieCategory category(Fields f, Set<String> seen, Set<String> seenCookieNames) {
        String id = uniqueId(f, seen);
        LocalizedText title = f.localized("title", true);
        LocalizedText description = f.localized("description", false);
        BasisRule basis = basis(f);
        boolean necessary = basis != null && basis.alwaysNecessary();
        if (basis != null && !necessary) {
            for (String code : jurisdictionsToCheck(basis, "EU")) {
                Jurisdiction where = Jurisdiction.of(code);
                if (where.inEea() && basis.in(where) == Basis.OPT_OUT) {
                    problems.error(f.path("basis"), f.at("basis"), "cookies and trackers that are not strictly necessary need prior consent in "
                            + code + " (ePrivacy Directive art. 5(3)); the basis there must be opt-in, not opt-out");
                    break;
                }
            }
        }
        List<CookieDeclaration> cookies = new ArrayList<>();
        List<Node> cookieNodes = f.list("cookies");
        for (int i = 0; i < cookieNodes.size(); i++) {
            String path = PathNames.item(f.path("cookies"), i);
            Fields c = Fields.of(cookieNodes.get(i), path, problems, f.languages(), COOKIE_KEYS);
            if (c == null) {
                continue;
            }
            CookieDeclaration cookie = cookie(c, necessary, seenCookieNames);
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
        return new CookieCategory(id, title, description, basis, cookies, consentMode);
    }

    private CookieDeclaration cookie(Fields c, boolean necessary, Set<String> seenNames) {
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
        CookieDeclaration.SetBy setBy = enumValue(c, "set-by", CookieDeclaration.SetBy.class, CookieDeclaration.SetBy.SERVER);
        CookieDeclaration.Storage storage = enumValue(c, "storage", CookieDeclaration.Storage.class, CookieDeclaration.Storage.COOKIE);
        LocalizedText justification = c.localized("justification", false);
        if (necessary && justification == null && c.node() instanceof ObjectNode o && !o.fields().containsKey("justification")) {
            problems.error(c.path("justification"), c.node(), "a strictly necessary cookie needs a justification: "
                    + "say why the service cannot work without it");
        }
        if (name == null) {
            return null;
        }
        return new CookieDeclaration(name, normalizedDomains, path, setBy, storage, justification);
    }

    private Recipient recipient(Fields f, Set<String> seen, Map<String, DataItem> dataItems, Set<String> purposeIds) {
        String id = uniqueId(f, seen);
        LocalizedText name = f.localized("name", true);
        String relationText = f.text("relation", true);
        Relation relation = relationText == null ? null : Relation.fromId(relationText);
        if (relationText != null && relation == null) {
            problems.error(f.path("relation"), f.at("relation"), "relation must be third-party, processor or joint-user, but was '"
                    + relationText + "'");
        }
        String country = f.text("country", true);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            problems.error(f.path("country"), f.at("country"), "country must be an ISO 3166-1 code such as JP or US, but was '" + country + "'");
            country = null;
        }
        List<String> hosts = hosts(f, "hosts");
        List<String> items = references(f, "data-items", dataItems.keySet(), "data item");
        List<String> purposes = references(f, "purposes", purposeIds, "purpose");
        URI notice = null;
        String noticeText = f.text("privacy-notice", false);
        if (noticeText != null) {
            try {
                notice = new URI(noticeText);
                if (!"https".equals(notice.getScheme()) && !"http".equals(notice.getScheme())) {
                    throw new URISyntaxException(noticeText, "not an http(s) URL");
                }
            } catch (URISyntaxException e) {
                problems.error(f.path("privacy-notice"), f.at("privacy-notice"), "privacy-notice must be an https URL, but was '" + noticeText + "'");
            }
        }
        JointUse jointUse = null;
        Fields joint = f.object("joint-use", relation == Relation.JOINT_USER, JOINT_USE_KEYS);
        if (joint != null) {
            if (relation != null && relation != Relation.JOINT_USER) {
                problems.error(f.path("joint-use"), f.at("joint-use"), "only a joint-user recipient has a joint-use block");
            }
            List<String> jointItems = references(joint, "data-items", dataItems.keySet(), "data item");
            if (jointItems.isEmpty()) {
                problems.error(joint.path("data-items"), joint.at("data-items"), "joint use must list the data items used jointly (APPI art. 27(5)(iii))");
            }
            LocalizedText users = joint.localized("joint-users", true);
            LocalizedText jointPurposes = joint.localized("purposes", true);
            Fields responsible = joint.object("responsible", true, PARTY_KEYS);
            Party party = responsible == null ? null : party(responsible, true);
            if (users != null && jointPurposes != null && party != null) {
                jointUse = new JointUse(jointItems, users, jointPurposes, party);
            }
        }
        ForeignTransfer foreign = null;
        boolean foreignThirdParty = relation == Relation.THIRD_PARTY && country != null && !"JP".equals(country);
        Fields foreignFields = f.object("foreign-transfer", false, FOREIGN_KEYS);
        if (foreignFields == null && foreignThirdParty && !f.has("foreign-transfer")) {
            problems.error(f.path("foreign-transfer"), f.node(), "a third party in " + country + " needs foreign-transfer "
                    + "information (the country's protection system and the recipient's measures; APPI art. 28)");
        }
        if (foreignFields != null) {
            LocalizedText system = foreignFields.localized("system-info", true);
            LocalizedText measures = foreignFields.localized("recipient-measures", true);
            if (system != null && measures != null) {
                foreign = new ForeignTransfer(system, measures);
            }
        }
        OptOutRoute optOut = null;
        Fields route = f.object("opt-out-route", false, OPT_OUT_KEYS);
        if (route != null) {
            if (relation != null && relation != Relation.THIRD_PARTY) {
                problems.error(f.path("opt-out-route"), f.at("opt-out-route"), "only a third party can receive data by an opt-out route");
            }
            LocalizedText acquisition = route.localized("acquisition-method", true);
            LocalizedText provision = route.localized("provision-method", true);
            LocalizedText request = route.localized("request-method", true);
            LocalizedText update = route.localized("update-method", true);
            LocalDate start = date(route, "start-date", true);
            for (String item : items) {
                DataItem dataItem = dataItems.get(item);
                if (dataItem != null && dataItem.sensitive()) {
                    problems.error(f.path("opt-out-route"), f.at("opt-out-route"), "special-care data ('" + item
                            + "') may never be provided by an opt-out route (APPI art. 27(2))");
                }
            }
            if (acquisition != null && provision != null && request != null && update != null && start != null) {
                optOut = new OptOutRoute(acquisition, provision, request, update, start);
            }
        }
        if (id == null || name == null || relation == null || country == null) {
            return null;
        }
        return new Recipient(id, name, relation, country, hosts, items, purposes, notice, f.flag("links-to-person"),
                jointUse, foreign, optOut);
    }

    private Tracker tracker(Fields f, Set<String> seen, Set<String> recipientIds, Set<String> categoryIds,
            Map<String, CookieCategory> categories) {
        String id = uniqueId(f, seen);
        String recipient = reference(f, "recipient", recipientIds, "recipient");
        String category = reference(f, "category", categoryIds, "cookie category");
        String service = f.text("service", false);
        List<String> hosts = hosts(f, "hosts");
        CookieCategory declared = category == null ? null : categories.get(category);
        if (declared != null && declared.basis().alwaysNecessary() && !hosts.isEmpty()) {
            problems.warning(f.path("hosts"), f.at("hosts"), "tracker hosts listed under the necessary category '" + category
                    + "' are never blocked; check that this tracker is really strictly necessary");
        }
        Set<Tracker.ResourceKind> kinds = EnumSet.noneOf(Tracker.ResourceKind.class);
        List<String> requests = f.texts("requests");
        for (int i = 0; i < requests.size(); i++) {
            try {
                kinds.add(Tracker.ResourceKind.valueOf(requests.get(i).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.error(PathNames.item(f.path("requests"), i), f.at("requests"), "request kind must be script, connect, img or frame, but was '"
                        + requests.get(i) + "'");
            }
        }
        List<String> cookies = f.texts("cookies");
        if (declared != null) {
            NameMatcher.Builder<String> matcher = NameMatcher.builder();
            declared.cookies().forEach(c -> matcher.add(c.name(), c.name()));
            NameMatcher<String> inCategory = matcher.build();
            for (int i = 0; i < cookies.size(); i++) {
                if (inCategory.match(cookies.get(i)) == null) {
                    problems.error(PathNames.item(f.path("cookies"), i), f.at("cookies"), "cookie '" + cookies.get(i)
                            + "' is not declared in cookie category '" + category + "'; declare it there so it can be blocked and expired");
                }
            }
        }
        List<LocalizedText> sends = new ArrayList<>();
        List<Node> sendNodes = f.list("sends");
        for (int i = 0; i < sendNodes.size(); i++) {
            String path = PathNames.item(f.path("sends"), i);
            LocalizedText text = f.localizedValue(sendNodes.get(i), path);
            if (text != null) {
                sends.add(text);
                for (Map.Entry<String, String> entry : text.values().entrySet()) {
                    if (VAGUE_ENDING.matcher(entry.getValue()).matches()) {
                        problems.warning(PathNames.child(path, entry.getKey()), sendNodes.get(i), "'" + entry.getValue()
                                + "' ends vaguely (等, など, etc.); the external-transmission notice should name each item");
                    }
                }
            }
        }
        LocalizedText sitePurpose = f.localized("site-purpose", false);
        LocalizedText recipientPurpose = f.localized("recipient-purpose", false);
        if (id == null || recipient == null || category == null) {
            return null;
        }
        return new Tracker(id, recipient, category, service, hosts, kinds, cookies, sends, sitePurpose, recipientPurpose);
    }

    private MinorRule minorRule(Fields f, Set<String> topicIds) {
        String jurisdiction = f.text("jurisdiction", true);
        if (jurisdiction != null && !jurisdiction.equals("*") && !Jurisdiction.isValidCode(jurisdiction)) {
            problems.error(f.path("jurisdiction"), f.at("jurisdiction"), "jurisdiction must be a code such as JP, EU or US-CA, or *, but was '"
                    + jurisdiction + "'");
            jurisdiction = null;
        }
        Integer age = null;
        String ageText = f.text("guardian-below-age", true);
        if (ageText != null) {
            try {
                age = Integer.valueOf(ageText);
                if (age < 1 || age > 25) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.error(f.path("guardian-below-age"), f.at("guardian-below-age"), "guardian-below-age must be a whole number of years from 1 to 25, but was '"
                        + ageText + "'");
                age = null;
            }
        }
        List<String> purposes = references(f, "purposes", topicIds, "purpose or cookie category");
        return jurisdiction == null || age == null ? null : new MinorRule(jurisdiction, age, purposes);
    }

    private Party party(Fields f, boolean legalEntity) {
        LocalizedText name = f.localized("name", true);
        LocalizedText address = f.localized("address", legalEntity);
        LocalizedText representative = f.localized("representative", legalEntity);
        LocalizedText contact = f.localized("contact", false);
        return name == null ? null : new Party(name, address, representative, contact);
    }

    private BasisRule basis(Fields f) {
        Node node = f.node() instanceof ObjectNode o ? o.fields().get("basis") : null;
        String path = f.path("basis");
        if (node == null) {
            problems.error(path, f.node(), "required field 'basis' is missing; use necessary, opt-in or opt-out");
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            Basis basis = Basis.fromId(scalar.text());
            if (basis == null) {
                problems.error(path, node, "basis must be necessary, opt-in or opt-out, but was '" + scalar.text() + "'");
            }
            return basis == null ? null : BasisRule.of(basis);
        }
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, "basis is necessary, opt-in, opt-out, or a mapping {default: …, EU: …}, but was "
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
                problems.error(entryPath, entry.getValue(), "basis must be necessary, opt-in or opt-out, but was "
                        + Fields.describe(entry.getValue()));
                ok = false;
            } else if (key.equals("default")) {
                byDefault = basis;
            } else if (!Jurisdiction.isValidCode(key)) {
                problems.error(entryPath, entry.getValue(), "'" + key + "' is not a jurisdiction code such as JP, EU, US or US-CA");
                ok = false;
            } else {
                overrides.put(key, basis);
            }
        }
        if (byDefault == null && ok) {
            problems.error(PathNames.child(path, "default"), node, "a basis with per-jurisdiction overrides needs a 'default'");
            return null;
        }
        return ok ? new BasisRule(byDefault, overrides) : null;
    }

    /** {@code home} and every override code within it (e.g. JP and JP-13), to check a legal rule. */
    private static Set<String> jurisdictionsToCheck(BasisRule basis, String home) {
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

    private List<String> hosts(Fields f, String key) {
        List<String> hosts = f.texts(key);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            if (HostMatcher.isValidHost(hosts.get(i))) {
                valid.add(hosts.get(i).toLowerCase(Locale.ROOT));
            } else {
                problems.error(PathNames.item(f.path(key), i), f.at(key), "'" + hosts.get(i)
                        + "' is not a host name or a wildcard such as *.example.com (no scheme, port or path)");
            }
        }
        return valid;
    }

    private String idField(Fields f, String key) {
        String id = f.text(key, true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.error(f.path(key), f.at(key), "an id is 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, but was '"
                    + id + "'");
            return null;
        }
        return id;
    }

    private String uniqueId(Fields f, Set<String> seen) {
        String id = idField(f, "id");
        if (id != null && !seen.add(id)) {
            problems.error(f.path("id"), f.at("id"), "duplicate id '" + id + "'");
            return null;
        }
        return id;
    }

    private String reference(Fields f, String key, Set<String> known, String kind) {
        String id = f.text(key, true);
        if (id != null && !known.contains(id)) {
            problems.error(f.path(key), f.at(key), unknownReference(id, known, kind));
            return null;
        }
        return id;
    }

    private List<String> references(Fields f, String key, Set<String> known, String kind) {
        List<String> ids = f.texts(key);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (known.contains(ids.get(i))) {
                valid.add(ids.get(i));
            } else {
                problems.error(PathNames.item(f.path(key), i), f.at(key), unknownReference(ids.get(i), known, kind));
            }
        }
        return valid;
    }

    private static String unknownReference(String id, Set<String> known, String kind) {
        String suggestion = Suggestions.closest(id, known);
        return "unknown " + kind + " '" + id + "'" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
    }

    private Set<String> collectIds(Fields top, String section) {
        Set<String> ids = new LinkedHashSet<>();
        for (Node item : top.list(section)) {
            if (item instanceof ObjectNode object && object.fields().get("id") instanceof ScalarNode id && id.text() != null) {
                ids.add(id.text().trim());
            }
        }
        return ids;
    }

    private LocalDate date(Fields f, String key, boolean required) {
        String text = f.text(key, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.error(f.path(key), f.at(key), key + " must be a date such as 2026-04-01, but was '" + text + "'");
            return null;
        }
    }

    private Period period(Fields f, String key) {
        String text = f.text(key, false);
        if (text == null) {
            return null;
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative() || period.isZero()) {
                throw new DateTimeParseException("not positive", text, 0);
            }
            return period;
        } catch (DateTimeParseException e) {
            problems.error(f.path(key), f.at(key), key + " must be a positive ISO-8601 period such as P6M or P1Y, but was '"
                    + text + "'");
            return null;
        }
    }

    private <E extends Enum<E>> E enumValue(Fields f, String key, Class<E> type, E fallback) {
        String text = f.text(key, false);
        if (text == null) {
            return fallback;
        }
        String constant = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(constant)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problems.error(f.path(key), f.at(key), key + " must be one of " + allowed + ", but was '" + text + "'");
        return fallback;
    }

    private interface ItemReader {
        void read(Fields fields, String path);
    }

    private void forEach(Fields top, String section, Set<String> keys, ItemReader reader) {
        if (top == null) {
            return;
        }
        List<Node> items = top.list(section);
        for (int i = 0; i < items.size(); i++) {
            String path = PathNames.item(section, i);
            Fields fields = Fields.of(items.get(i), path, problems, top.languages(), keys);
            if (fields != null) {
                reader.read(fields, path);
            }
        }
    }
}
