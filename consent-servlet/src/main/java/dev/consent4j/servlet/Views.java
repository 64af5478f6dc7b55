package dev.consent4j.servlet;

import dev.consent4j.ConsentHistory;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.Disclosure;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.state.ArchivedChoice;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.state.fold.StateFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The JSON bodies of the endpoints, as documented in {@code docs/http-api.md}. */
final class Views {

    /** The version of the export format ({@code GET {base}/export}). */
    public static final int EXPORT_FORMAT = dev.consent4j.request.Disclosure.FORMAT;

    private Views() {
    }

    /** What the banner needs, in {@code language}, for a shopper in {@code jurisdiction}. */
    public static Map<String, Object> policy(StateFolder folder, Instant now, String language, Jurisdiction jurisdiction,
            String base) {
        Policy policy = folder.policy();
        String fallback = policy.defaultLanguage();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyId", policy.id());
        view.put("version", policy.version());
        view.put("language", language);
        view.put("languages", policy.languages());
        view.put("operator", Map.of("name", policy.operator().name().in(language, fallback)));
        view.put("ui", UiTexts.forScript(policy, language));
        List<Map<String, Object>> categories = new ArrayList<>();
        for (CookieCategory category : policy.cookieCategories()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", category.id());
            c.put("title", category.title().in(language, fallback));
            c.put("description", category.description().in(language, fallback));
            c.put("choosable", category.basis().in(jurisdiction) != Basis.NECESSARY);
            List<String> cookies = new ArrayList<>();
            List<Map<String, String>> storage = new ArrayList<>();
            for (CookieDeclaration cookie : category.cookies()) {
                if (cookie.isCookie()) {
                    cookies.add(cookie.name());
                } else {
                    storage.add(Map.of("name", cookie.name(), "kind", storageKind(cookie.storage())));
                }
            }
            c.put("cookies", cookies);
            c.put("storage", storage);
            c.put("consentModeTypes", category.consentModeTypes());
            List<Map<String, Object>> trackers = new ArrayList<>();
            for (Tracker tracker : policy.trackersIn(category.id())) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("id", tracker.id());
                t.put("service", tracker.serviceName());
                t.put("recipient", policy.recipient(tracker.recipient()).map(r -> r.name().in(language, fallback))
                        .orElse(tracker.recipient()));
                t.put("hosts", tracker.hosts());
                trackers.add(t);
            }
            c.put("trackers", trackers);
            c.put("who", who(policy, language, "trackers", trackers.stream()
                    .map(t -> UiTexts.paren(language, (String) t.get("service"), (String) t.get("recipient"))).toList()));
            categories.add(c);
        }
        view.put("categories", categories);
        List<Map<String, Object>> purposes = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            // Marketing by channel is chosen on the account page; necessary and notice-only purposes offer no choice.
            if (!purpose.channels().isEmpty() || !purpose.basis().in(jurisdiction).choosable()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", purpose.id());
            p.put("title", purpose.title().in(language, fallback));
            p.put("description", purpose.description().in(language, fallback));
            p.put("choosable", purpose.basis().in(jurisdiction) != Basis.NECESSARY);
            p.put("saleOrSharing", purpose.saleOrSharing());
            p.put("targetedAdvertising", purpose.targetedAdvertising());
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (String id : purpose.recipients()) {
                policy.recipient(id).ifPresent(r -> recipients.add(recipient(r, language, fallback)));
            }
            p.put("recipients", recipients);
            p.put("who", who(policy, language, "recipients", recipients.stream()
                    .map(r -> UiTexts.paren(language, (String) r.get("name"), (String) r.get("countryName"))).toList()));
            purposes.add(p);
        }
        view.put("purposes", purposes);
        // What this version changed, for a banner that asks again after a change.
        view.put("changes", policy.history().isEmpty() ? List.of()
                : dev.consent4j.servlet.Disclosure.history(policy, List.of(policy.history().get(policy.history().size() - 1)), language));
        view.put("consentMode", Map.of("defaults", consentModeDefaults(folder, now)));
        view.put("links", Map.of("state", base + "/state", "choices", base + "/choices",
                "disclosure", base + "/disclosure", "doNotSell", base + "/do-not-sell"));
        return view;
    }

    private static Map<String, Object> recipient(Recipient recipient, String language, String fallback) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", recipient.id());
        r.put("name", recipient.name().in(language, fallback));
        r.put("relation", recipient.relation().id());
        r.put("country", recipient.country());
        r.put("countryName", UiTexts.country(language, recipient.country()));
        if (recipient.describedByCategory()) {
            r.put("examples", recipient.examples());
            r.put("andOthers", recipient.andOthers());
        }
        return r;
    }

    /** "Sent to: A (B), C (D)" in the language's punctuation, or {@code null} when there is no one. */
    private static String who(Policy policy, String language, String labelKey, List<String> names) {
        return names.isEmpty() ? null : UiTexts.labelled(language, UiTexts.text(policy, language, labelKey),
                String.join(UiTexts.separator(language), names));
    }

    /**
     * Google Consent Mode {@code default} entries, from the decisions on a visitor who has not
     * chosen yet: one per jurisdiction a category's basis names, with that jurisdiction's
     * {@link ConsentState#consentMode()}, and the global one (empty region list) that grants a type
     * only where the decisions on everything it depends on are necessary, since the region of a
     * visitor there is not known.
     */
    static List<Map<String, Object>> consentModeDefaults(StateFolder folder, Instant now) {
        Policy policy = folder.policy();
        Set<String> regions = new TreeSet<>();
        for (CookieCategory category : policy.cookieCategories()) {
            regions.addAll(category.basis().overrides().keySet());
        }
        List<Map<String, Object>> defaults = new ArrayList<>();
        ConsentState anywhere = undecided(folder, Jurisdiction.UNKNOWN, now);
        List<String> globallyGranted = new ArrayList<>();
        anywhere.consentMode().forEach((type, granted) -> {
            if (granted && anywhere.decisions().values().stream()
                    .filter(d -> d.topic().kind() == Topic.Kind.CATEGORY
                            && policy.cookieCategory(d.topic().id()).orElseThrow().consentModeTypes().contains(type))
                    .allMatch(d -> d.reason() == Reason.NECESSARY)) {
                globallyGranted.add(type);
            }
        });
        defaults.add(Map.of("region", List.of(), "granted", globallyGranted));
        for (String region : regions) {
            List<String> granted = new ArrayList<>();
            undecided(folder, Jurisdiction.of(region), now).consentMode().forEach((type, allowed) -> {
                if (allowed) {
                    granted.add(type);
                }
            });
            // Consent Mode takes ISO 3166 codes, not "EU".
            List<String> codes = region.equals("EU") ? List.copyOf(new TreeSet<>(Jurisdiction.eeaCountries())) : List.of(region);
            defaults.add(Map.of("region", codes, "granted", granted));
        }
        return defaults;
    }

    /** The decisions on a visitor who has made no choice, in {@code jurisdiction}. */
    private static ConsentState undecided(StateFolder folder, Jurisdiction jurisdiction, Instant now) {
        return folder.fold(SubjectId.UNDECIDED_VISITOR, List.of(), Signals.of(jurisdiction), now);
    }

    /**
     * The caller's decisions with reasons, and what the banner says to them in {@code language};
     * {@code banner.changes} are the {@code changes} as the lines the banner lists when it asks again.
     */
    public static Map<String, Object> state(ConsentState state, ConsentSettings settings, String language) {
        Map<String, Object> view = decisions(state, settings, language);
        Map<String, Object> banner = BannerView.of(state, settings, language);
        List<String> lines = new ArrayList<>();
        String separator = "ja".equals(language) ? "：" : ": ";
        for (Object version : (List<?>) view.get("changes")) {
            for (Object change : (List<?>) ((Map<?, ?>) version).get("changes")) {
                Map<?, ?> c = (Map<?, ?>) change;
                lines.add(c.get("title") + separator + c.get("description"));
            }
        }
        banner.put("changes", lines);
        view.put("banner", banner);
        return view;
    }

    /** The caller's decisions with reasons, the banner's texts in the policy's first language. */
    public static Map<String, Object> state(ConsentState state, ConsentSettings settings) {
        return state(state, settings, state.policy().defaultLanguage());
    }

    /**
     * The caller's decisions with reasons; {@code changes} describes, in {@code language}, what the
     * versions after the oldest one the caller's current choices were made under changed (what a
     * banner asking again can show), and {@code archived} lists choices on topics the policy no
     * longer offers.
     */
    private static Map<String, Object> decisions(ConsentState state, ConsentSettings settings, String language) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyVersion", state.policy().version());
        view.put("jurisdiction", state.signals().jurisdiction().code());
        view.put("needsChoice", state.needsChoice());
        boolean signal = state.signals().gpc();
        Map<String, Object> gpc = new LinkedHashMap<>();
        gpc.put("signal", signal);
        gpc.put("honoured", signal && settings.honoursGpc(state.signals().jurisdiction()));
        view.put("gpc", gpc);
        Map<String, Boolean> categories = new LinkedHashMap<>();
        for (CookieCategory category : state.policy().cookieCategories()) {
            categories.put(category.id(), state.categoryAllowed(category.id()));
        }
        view.put("categories", categories);
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        for (Purpose purpose : state.policy().purposes()) {
            purposes.put(purpose.id(), state.allows(purpose.id()));
        }
        view.put("purposes", purposes);
        Map<String, String> consentMode = new LinkedHashMap<>();
        state.consentMode().forEach((type, granted) -> consentMode.put(type, granted ? "granted" : "denied"));
        view.put("consentMode", consentMode);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (Decision decision : state.decisions().values()) {
            decisions.add(decision(decision));
        }
        view.put("decisions", decisions);
        view.put("changes", changesSinceChoices(state, language));
        List<Map<String, Object>> archived = new ArrayList<>();
        for (ArchivedChoice choice : state.archived()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("topic", choice.choice().topic().toString());
            a.put("action", choice.choice().action().name().toLowerCase(Locale.ROOT));
            a.put("since", choice.choice().at().toString());
            a.put("policyVersion", choice.choice().policyVersion());
            a.put("removedIn", choice.removedIn());
            archived.add(a);
        }
        view.put("archived", archived);
        return view;
    }

    /** The described changes after the oldest version among the decisions made by a choice; none when all are current. */
    private static List<Map<String, Object>> changesSinceChoices(ConsentState state, String language) {
        Policy policy = state.policy();
        List<Revision> since = null;
        for (Decision decision : state.decisions().values()) {
            if (decision.policyVersion() != null && !decision.policyVersion().equals(policy.version())) {
                List<Revision> after = policy.revisionsAfter(decision.policyVersion());
                if (since == null || after.size() > since.size()) {
                    since = after;
                }
            }
        }
        return since == null ? List.of() : dev.consent4j.servlet.Disclosure.history(policy, since, language);
    }

    private static Map<String, Object> decision(Decision decision) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("topic", decision.topic().toString());
        d.put("allowed", decision.allowed());
        d.put("reason", decision.reason().name());
        d.put("since", decision.since() == null ? null : decision.since().toString());
        d.put("policyVersion", decision.policyVersion());
        return d;
    }

    /** Everything kept about the caller: the disclosure a person may request. */
    public static Map<String, Object> export(ConsentHistory history, ConsentSettings settings) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("format", EXPORT_FORMAT);
        view.put("subject", history.subject() == null ? null : history.subject().toString());
        List<Map<String, Object>> events = new ArrayList<>();
        StateFolder folder = history.state() == null ? null : new StateFolder(history.state().policy(), settings);
        for (ConsentEvent event : history.events()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", event.id().toString());
            e.put("sequence", event.sequence());
            e.put("time", event.time().toString());
            e.put("topic", event.topic() == null ? null : event.topic().toString());
            e.put("action", event.action().name().toLowerCase(Locale.ROOT));
            e.put("policyVersion", event.policyVersion());
            e.put("source", event.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            e.put("actor", event.actor().kind().name().toLowerCase(Locale.ROOT));
            e.put("operator", event.actor().operatorId());
            e.put("jurisdiction", event.jurisdiction());
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("noticeVersion", event.evidence().noticeVersion());
            evidence.put("language", event.evidence().language());
            evidence.put("userAgent", event.evidence().userAgent());
            evidence.put("network", event.evidence().network());
            e.put("evidence", evidence);
            e.put("linkedVisitor", event.linkedVisitor() == null ? null : event.linkedVisitor().toString());
            e.put("supersedes", event.supersedes() == null ? null : event.supersedes().toString());
            e.put("hash", event.hash());
            e.put("archived", archived(folder, event));
            events.add(e);
        }
        view.put("events", events);
        view.put("state", history.state() == null ? null : state(history.state(), settings));
        view.put("chainValid", history.chain() == null || history.chain().valid());
        view.put("provisionRecords", List.of());
        view.put("receipts", List.of());
        view.put("requests", List.of());
        view.put("notifications", List.of());
        return view;
    }

    /**
     * Whether the event's choice is archived under the current policy ({@link StateFolder#archive}):
     * its topic is no longer offered, or was removed after the event and added back.
     */
    private static boolean archived(StateFolder folder, ConsentEvent event) {
        if (folder == null || event.topic() == null || event.action() == dev.consent4j.event.Action.LINK) {
            return false;
        }
        return folder.archive(Choice.of(event)) != null;
    }

    /** The export with the ledger and requests: what a disclosure request answers. */
    public static Map<String, Object> export(Disclosure disclosure, ConsentSettings settings) {
        Map<String, Object> view = export(disclosure.history(), settings);
        view.put("provisionRecords", disclosure.provisions().stream().map(Views::provision).toList());
        view.put("receipts", disclosure.receipts().stream().map(Views::receipt).toList());
        view.put("requests", disclosure.requests().stream().map(Views::request).toList());
        view.put("notifications", disclosure.notifications().stream().map(Views::notification).toList());
        return view;
    }

    /** A recipient told of an opt-out: who, when, about which topics, for which outbox message. */
    public static Map<String, Object> notification(dev.consent4j.provision.NotificationRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("recipient", record.recipient());
        view.put("topics", record.topics().stream().map(Object::toString).toList());
        view.put("notifiedAt", record.notifiedAt().toString());
        view.put("messageKey", record.messageKey());
        return view;
    }

    public static Map<String, Object> provision(ProvisionRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.id().toString());
        view.put("recipient", record.recipient());
        view.put("kind", slug(record.kind().name()));
        view.put("ground", slug(record.ground().name()));
        view.put("dataItems", record.dataItems());
        view.put("firstProvidedAt", record.firstProvidedAt().toString());
        view.put("lastProvidedAt", record.lastProvidedAt().toString());
        view.put("keepUntil", record.keepUntil().toString());
        view.put("entries", record.entries().stream().map(entry -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("subject", entry.subject().toString());
            e.put("consentEvent", entry.basisEvent() == null ? null : entry.basisEvent().toString());
            return e;
        }).toList());
        return view;
    }

    static Map<String, Object> receipt(ReceiptRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", record.id().toString());
        view.put("provider", record.provenance().providerName());
        view.put("providerAddress", record.provenance().providerAddress());
        view.put("representative", record.provenance().representative());
        view.put("acquisition", record.provenance().acquisition());
        view.put("dataItems", record.dataItems());
        view.put("receivedAt", record.receivedAt().toString());
        return view;
    }

    public static Map<String, Object> request(PersonalRequest request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", request.id().toString());
        view.put("subject", request.subject().toString());
        view.put("kind", slug(request.kind().name()));
        view.put("targets", request.targets());
        view.put("details", request.details());
        view.put("jurisdiction", request.jurisdiction());
        view.put("status", slug(request.status().name()));
        view.put("receivedAt", request.receivedAt().toString());
        view.put("dueAt", request.dueAt().toString());
        view.put("resolvedAt", request.resolvedAt().map(Object::toString).orElse(null));
        view.put("steps", request.steps().stream().map(step -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", slug(step.status().name()));
            s.put("at", step.at().toString());
            s.put("operator", step.operatorId());
            s.put("note", step.note());
            return s;
        }).toList());
        return view;
    }

    private static String slug(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String storageKind(CookieDeclaration.Storage storage) {
        return switch (storage) {
            case LOCAL_STORAGE -> "localStorage";
            case SESSION_STORAGE -> "sessionStorage";
            case INDEXED_DB -> "indexedDB";
            case COOKIE -> "cookie";
        };
    }
}
