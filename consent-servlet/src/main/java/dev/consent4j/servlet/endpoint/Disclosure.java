package dev.consent4j.servlet.endpoint;

import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
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
            if (recipient.foreignTransfer() != null) {
                Map<String, Object> foreign = new LinkedHashMap<>();
                foreign.put("systemInfo", recipient.foreignTransfer().systemInfo().in(language, fallback));
                foreign.put("recipientMeasures", recipient.foreignTransfer().recipientMeasures().in(language, fallback));
                r.put("foreignTransfer", foreign);
            }
            recipients.add(r);
        }
        view.put("recipients", recipients);
        return view;
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
