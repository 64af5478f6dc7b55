package dev.consent4j.policy.load;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.Channel;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.DataAbroad;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
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
import dev.consent4j.policy.StopUse;
import dev.consent4j.policy.Tracker;
import dev.consent4j.policy.Validity;
import dev.consent4j.policy.ValidityRule;
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
    static final Pattern VAGUE_ENDING = Pattern.compile(".*(等|など|etc\\.?|and so on)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> ROOT_KEYS = Set.of("id", "version", "effective-date", "languages", "operator",
            "consent-validity", "data-items", "channels", "purposes", "cookie-categories", "recipients", "trackers",
            "history", "minors", "sources", "data-abroad", "banner");
    static final Set<String> PARTY_KEYS = Set.of("name", "address", "representative", "contact");
    private static final Set<String> DATA_ITEM_KEYS = Set.of("id", "title", "sensitive", "related-info");
    private static final Set<String> CHANNEL_KEYS = Set.of("id", "title", "electronic-mail");
    private static final Set<String> PURPOSE_KEYS = union(Set.of("id", "title", "description", "basis", "data-items",
            "recipients", "channels", "sale-or-sharing", "targeted-advertising", "message-kind", "cookie-categories"),
            PurposeRules.KEYS);
    private static final Set<String> CATEGORY_KEYS = Set.of("id", "title", "description", "basis", "cookies",
            "consent-mode");
    private static final Set<String> COOKIE_KEYS = Set.of("name", "domains", "path", "set-by", "storage",
            "justification");
    private static final Set<String> RECIPIENT_KEYS = Set.of("id", "name", "relation", "country", "hosts",
            "data-items", "purposes", "privacy-notice", "links-to-person", "joint-use", "foreign-transfer",
            "opt-out-route", "legal-grounds", "examples", "and-others");
    private static final Set<String> TRACKER_KEYS = Set.of("id", "recipient", "category", "service", "hosts",
            "requests", "cookies", "sends", "site-purpose", "recipient-purpose");

    private static final List<String> RELATIONS = java.util.Arrays.stream(Relation.values()).map(Relation::id).toList();

    private final Problems problems;
    private final BasisReader bases;
    private final PurposeRules purposeRules;
    private final ValidityReader validities;

    PolicyReader(Problems problems) {
        this.problems = problems;
        this.bases = new BasisReader(problems);
        this.purposeRules = new PurposeRules(problems, bases);
        this.validities = new ValidityReader(problems);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
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
        ValidityRule validity = validities.read(top, "consent-validity", Validity.grants(Period.ofMonths(12)), true);
        Validity purposeBase = validity == null ? Validity.grants(Period.ofMonths(12)) : validity.byDefault();
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
            Purpose purpose = purpose(f, seenPurposes, dataItems, channels, recipientIds, categoryIds, afterCategories,
                    purposeBase);
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
            Recipient recipient = recipient(f, seenRecipients, dataItems, purposeIds, purposeById);
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
        List<DataSource> sources = new SourcesReader(this, problems).read(top, dataItems.keySet(), purposeIds);
        DataAbroad dataAbroad = new DataAbroadReader(problems).read(top);
        Set<String> topicIds = new HashSet<>(purposeIds);
        topicIds.addAll(categoryIds);
        List<Revision> history = new HistoryReader(this, problems).read(top, version, topicIds);
        List<MinorRule> minors = new ArrayList<>();
        MinorRuleReader minorRules = new MinorRuleReader(problems);
        forEach(top, "minors", MinorRuleReader.KEYS, (f, path) -> {
            MinorRule rule = minorRules.read(f, references(f, "purposes", topicIds, "purpose or cookie category"),
                    purposeById, categoryById);
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
                builder.validity(validity);
            }
            dataItems.values().forEach(builder::dataItem);
            channels.values().stream().filter(c -> declaredChannels.contains(c.id())).forEach(builder::channel);
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
            List<java.util.function.Consumer<Map<String, CookieCategory>>> afterCategories, Validity validityBase) {
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
        Map<String, BasisRule> channelBases = purposeRules.channelBases(f, basis, purposeChannels);
        purposeRules.electronicMailOptIn(f, basis, channelBases, purposeChannels, channels, kind);
        StopUse stopUse = purposeRules.stopUse(f, basis, purposeChannels);
        ValidityRule validity = validities.read(f, "validity", validityBase, false);
        if (id == null || title == null || basis == null) {
            return null;
        }
        return Purpose.builder(id).title(title).description(description).basis(basis).dataItems(items)
                .recipients(recipients).channels(purposeChannels).saleOrSharing(f.flag("sale-or-sharing"))
                .targetedAdvertising(f.flag("targeted-advertising")).messageKind(kind).cookieCategories(categories)
                .channelBases(channelBases).stopUse(stopUse).validity(validity).build();
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
        if (basis != null && (basis.byDefault() == Basis.NOTICE || basis.overrides().containsValue(Basis.NOTICE))) {
            problems.error(f.path("basis"), f.at("basis"), "a cookie category is necessary, opt-in or opt-out; "
                    + "notice-only is for purposes (cookies used without a choice are opt-out)");
        }
        if (basis != null && !necessary) {
            bases.cookiesOptOutInUk(basis, f.path("basis"), f.at("basis"));
            for (String code : BasisReader.jurisdictionsToCheck(basis, "EU")) {
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

    private Recipient recipient(Fields f, Set<String> seen, Map<String, DataItem> dataItems, Set<String> purposeIds,
            Map<String, Purpose> purposeById) {
        String id = uniqueId(f, seen);
        LocalizedText name = f.localized("name", true);
        String relationText = f.text("relation", true);
        Relation relation = relationText == null ? null : Relation.fromId(relationText);
        if (relationText != null && relation == null) {
            String suggestion = Suggestions.closest(relationText, RELATIONS);
            problems.error(f.path("relation"), f.at("relation"), "relation must be third-party, processor, joint-user or successor, but was '"
                    + relationText + "'" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
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
        RecipientLawReader law = new RecipientLawReader(this, problems);
        JointUse jointUse = law.jointUse(f, relation, dataItems);
        ForeignTransfer foreign = law.foreignTransfer(f, relation, country);
        OptOutRoute optOut = law.optOutRoute(f, relation, items, dataItems);
        RecipientExtrasReader.Extras extras = new RecipientExtrasReader(this, problems).read(f, name, relation,
                jointUse, purposes, purposeById);
        if (id == null || name == null || relation == null || country == null) {
            return null;
        }
        return new Recipient(id, name, relation, country, hosts, items, purposes, notice, f.flag("links-to-person"),
                jointUse, foreign, optOut, extras.grounds(), extras.examples(), extras.andOthers());
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

    Party party(Fields f, boolean legalEntity) {
        LocalizedText name = f.localized("name", true);
        LocalizedText address = f.localized("address", legalEntity);
        LocalizedText representative = f.localized("representative", legalEntity);
        LocalizedText contact = f.localized("contact", false);
        return name == null ? null : new Party(name, address, representative, contact);
    }

    private BasisRule basis(Fields f) {
        Node node = f.node() instanceof ObjectNode o ? o.fields().get("basis") : null;
        if (node == null) {
            problems.error(f.path("basis"), f.node(), "required field 'basis' is missing; use necessary, opt-in, opt-out or notice");
            return null;
        }
        return bases.read(node, f.path("basis"));
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

    String uniqueId(Fields f, Set<String> seen) {
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

    List<String> references(Fields f, String key, Set<String> known, String kind) {
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

    static String unknownReference(String id, Set<String> known, String kind) {
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

    LocalDate date(Fields f, String key, boolean required) {
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

    interface ItemReader {
        void read(Fields fields, String path);
    }

    void forEach(Fields top, String section, Set<String> keys, ItemReader reader) {
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
