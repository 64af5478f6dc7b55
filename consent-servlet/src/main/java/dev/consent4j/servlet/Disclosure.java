package dev.consent4j.servlet;

import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.ProvisionGround;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public disclosure generated from the policy: the external-transmission notice (one entry
 * per tracker: what is sent, to whom, for what) and the recipients of personal data with their
 * relation, country and, for joint use and foreign transfers, the items the law asks for.
 */
final class Disclosure {

    private Disclosure() {
    }

    public static Map<String, Object> json(Policy policy, String language) {
        String fallback = policy.defaultLanguage();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyId", policy.id());
        view.put("version", policy.version());
        view.put("effectiveDate", policy.effectiveDate().toString());
        view.put("language", language);
        view.put("operator", party(policy.operator(), language, fallback));
        List<Map<String, Object>> trackers = new ArrayList<>();
        for (Tracker tracker : policy.trackers()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("service", tracker.serviceName());
            t.put("recipient", policy.recipient(tracker.recipient()).map(r -> r.name().in(language, fallback))
                    .orElse(tracker.recipient()));
            t.put("category", policy.cookieCategory(tracker.category()).map(c -> c.title().in(language, fallback))
                    .orElse(tracker.category()));
            t.put("hosts", tracker.hosts());
            t.put("sentData", tracker.sentData().stream().map(s -> s.in(language, fallback)).toList());
            t.put("sitePurpose", tracker.sitePurpose().in(language, fallback));
            t.put("recipientPurpose", tracker.recipientPurpose().in(language, fallback));
            trackers.add(t);
        }
        view.put("trackers", trackers);
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (Recipient recipient : policy.recipients()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", recipient.id());
            r.put("name", recipient.name().in(language, fallback));
            r.put("relation", recipient.relation().id());
            r.put("country", recipient.country());
            r.put("dataItems", recipient.dataItems().stream()
                    .map(id -> policy.dataItem(id).map(DataItem::title).map(t -> t.in(language, fallback)).orElse(id))
                    .toList());
            r.put("purposes", recipient.purposes().stream()
                    .map(id -> policy.purpose(id).map(Purpose::title).map(t -> t.in(language, fallback)).orElse(id))
                    .toList());
            r.put("privacyNotice", recipient.privacyNotice() == null ? null : recipient.privacyNotice().toString());
            if (recipient.jointUse() != null) {
                Map<String, Object> joint = new LinkedHashMap<>();
                joint.put("dataItems", recipient.jointUse().dataItems());
                joint.put("jointUsers", recipient.jointUse().jointUsers().in(language, fallback));
                joint.put("purposes", recipient.jointUse().purposes().in(language, fallback));
                joint.put("responsible", party(recipient.jointUse().responsible(), language, fallback));
                r.put("jointUse", joint);
            }
            if (!recipient.examples().isEmpty() || recipient.andOthers()) {
                r.put("examples", recipient.examples());
                r.put("andOthers", recipient.andOthers());
            }
            if (!recipient.grounds().isEmpty()) {
                List<Map<String, Object>> grounds = new ArrayList<>();
                for (ProvisionGround ground : recipient.grounds()) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("ground", ground.ground().id());
                    g.put("purposes", titles(policy, ground.purposes(), language, fallback));
                    g.put("description", text(ground.description(), language, fallback));
                    grounds.add(g);
                }
                r.put("legalGrounds", grounds);
            }
            if (recipient.foreignTransfer() != null) {
                Map<String, Object> foreign = new LinkedHashMap<>();
                foreign.put("systemInfo", recipient.foreignTransfer().systemInfo().in(language, fallback));
                foreign.put("recipientMeasures", recipient.foreignTransfer().recipientMeasures().in(language, fallback));
                r.put("foreignTransfer", foreign);
            }
            recipients.add(r);
        }
        view.put("recipients", recipients);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (DataSource source : policy.sources()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", source.id());
            s.put("provider", party(source.provider(), language, fallback));
            s.put("acquisition", source.acquisition().in(language, fallback));
            s.put("dataItems", source.dataItems().stream()
                    .map(id -> policy.dataItem(id).map(DataItem::title).map(t -> t.in(language, fallback)).orElse(id))
                    .toList());
            s.put("purposes", titles(policy, source.purposes(), language, fallback));
            sources.add(s);
        }
        view.put("sources", sources);
        view.put("dataAbroad", policy.dataAbroad().map(abroad -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("countries", abroad.countries());
            a.put("note", text(abroad.note(), language, fallback));
            return a;
        }).orElse(null));
        view.put("history", history(policy, policy.history(), language));
        return view;
    }

    /**
     * The revisions' changes, oldest first, in {@code language}: each change's topic id, kind
     * ({@code added}, {@code changed}, {@code removed}), title (the id for a removed topic) and
     * description. Revisions that describe no change are left out.
     */
    public static List<Map<String, Object>> history(Policy policy, List<Revision> revisions, String language) {
        String fallback = policy.defaultLanguage();
        List<Map<String, Object>> history = new ArrayList<>();
        for (Revision revision : revisions) {
            if (revision.changes().isEmpty()) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", revision.version());
            v.put("effectiveDate", revision.effectiveDate() == null ? null : revision.effectiveDate().toString());
            List<Map<String, Object>> changes = new ArrayList<>();
            for (Revision.Change change : revision.changes()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("topic", change.topic());
                c.put("change", change.kind().id());
                c.put("title", policy.purpose(change.topic()).map(p -> p.title().in(language, fallback))
                        .or(() -> policy.cookieCategory(change.topic()).map(k -> k.title().in(language, fallback)))
                        .orElse(change.topic()));
                c.put("description", text(change.description(), language, fallback));
                changes.add(c);
            }
            v.put("changes", changes);
            history.add(v);
        }
        return history;
    }

    private static List<String> titles(Policy policy, List<String> purposes, String language, String fallback) {
        return purposes.stream()
                .map(id -> policy.purpose(id).map(Purpose::title).map(t -> t.in(language, fallback)).orElse(id)).toList();
    }

    private static Map<String, Object> party(Party party, String language, String fallback) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", text(party.name(), language, fallback));
        p.put("address", text(party.address(), language, fallback));
        p.put("representative", text(party.representative(), language, fallback));
        p.put("contact", text(party.contact(), language, fallback));
        return p;
    }

    private static String text(LocalizedText text, String language, String fallback) {
        return text == null || text.isEmpty() ? null : text.in(language, fallback);
    }

    /** The operator-only list of hosts CSP reports named that the policy does not declare, as an HTML section. */
    public static String undeclaredHostsHtml(Map<String, Long> undeclaredHosts, String language) {
        boolean ja = "ja".equals(language);
        StringBuilder html = new StringBuilder(256).append("<h2>")
                .append(ja ? "未申告の送信先（運用者のみ表示）" : "Undeclared hosts (shown to operators only)").append("</h2>\n<ul>\n");
        undeclaredHosts.forEach((host, count) -> html.append("<li>").append(escape(host)).append(ja ? "（" : " (")
                .append(count).append(ja ? "）" : ")").append("</li>\n"));
        return html.append("</ul>\n").toString();
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
