package dev.consent4j.servlet.endpoint;

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
public final class Disclosure {

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

    /** The same content as a self-contained HTML page; every text is escaped. */
    @SuppressWarnings("unchecked")
    public static String html(Policy policy, String language, Map<String, Long> undeclaredHosts) {
        Map<String, Object> view = json(policy, language);
        boolean ja = "ja".equals(language);
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(ja ? "外部送信と第三者提供について" : "What is sent to whom").append("</title></head><body>\n<main>\n<h1>")
                .append(ja ? "外部送信と第三者提供について" : "What is sent to whom").append("</h1>\n");
        Map<String, Object> operator = (Map<String, Object>) view.get("operator");
        page.append("<p>").append(escape(operator.get("name"))).append(ja ? "（ポリシー版 " : " (policy version ")
                .append(escape(view.get("version"))).append(ja ? "）" : ")").append("</p>\n");
        page.append("<h2>").append(ja ? "外部送信（タグ・Cookie等）" : "External transmission (tags, cookies)").append("</h2>\n");
        page.append("<table><thead><tr><th>").append(ja ? "サービス" : "Service").append("</th><th>")
                .append(ja ? "送信先" : "Recipient").append("</th><th>").append(ja ? "送信される情報" : "Information sent")
                .append("</th><th>").append(ja ? "利用目的" : "Purpose").append("</th></tr></thead><tbody>\n");
        for (Map<String, Object> tracker : (List<Map<String, Object>>) view.get("trackers")) {
            page.append("<tr><td>").append(escape(tracker.get("service"))).append("</td><td>")
                    .append(escape(tracker.get("recipient"))).append("</td><td>")
                    .append(escape(String.join(ja ? "、" : ", ", (List<String>) tracker.get("sentData"))))
                    .append("</td><td>").append(escape(tracker.get("sitePurpose"))).append(" / ")
                    .append(escape(tracker.get("recipientPurpose"))).append("</td></tr>\n");
        }
        page.append("</tbody></table>\n<h2>").append(ja ? "個人データの提供先・委託先" : "Who receives personal data").append("</h2>\n<ul>\n");
        for (Map<String, Object> recipient : (List<Map<String, Object>>) view.get("recipients")) {
            page.append("<li><strong>").append(escape(recipient.get("name"))).append("</strong> — ")
                    .append(escape(relation((String) recipient.get("relation"), ja))).append(", ")
                    .append(escape(recipient.get("country"))).append(": ")
                    .append(escape(String.join(ja ? "、" : ", ", (List<String>) recipient.get("dataItems"))));
            Map<String, Object> foreign = (Map<String, Object>) recipient.get("foreignTransfer");
            if (foreign != null) {
                page.append("<br>").append(escape(foreign.get("systemInfo"))).append(' ')
                        .append(escape(foreign.get("recipientMeasures")));
            }
            Map<String, Object> joint = (Map<String, Object>) recipient.get("jointUse");
            if (joint != null) {
                page.append("<br>").append(escape(joint.get("jointUsers"))).append(": ").append(escape(joint.get("purposes")));
            }
            page.append("</li>\n");
        }
        page.append("</ul>\n");
        if (undeclaredHosts != null) {
            page.append("<h2>").append(ja ? "未申告の送信先（運用者のみ表示）" : "Undeclared hosts (shown to operators only)")
                    .append("</h2>\n<ul>\n");
            undeclaredHosts.forEach((host, count) -> page.append("<li>").append(escape(host)).append(" (")
                    .append(count).append(")</li>\n"));
            page.append("</ul>\n");
        }
        page.append("</main>\n</body></html>\n");
        return page.toString();
    }

    private static String relation(String relation, boolean ja) {
        return switch (relation) {
            case "processor" -> ja ? "委託先" : "processor";
            case "joint-user" -> ja ? "共同利用者" : "joint user";
            case "third-party" -> ja ? "第三者提供先" : "third party";
            default -> relation;
        };
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
