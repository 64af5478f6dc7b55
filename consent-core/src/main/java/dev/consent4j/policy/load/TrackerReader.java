package dev.consent4j.policy.load;

import dev.consent4j.internal.match.NameMatcher;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Tracker;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code trackers}: the tags and pixels a shop runs, the recipient and cookie category of
 * each and what it sends (for the external-transmission notice of 電気通信事業法).
 */
final class TrackerReader {

    private static final Set<String> KEYS = Set.of("id", "recipient", "category", "service", "hosts",
            "requests", "cookies", "sends", "site-purpose", "recipient-purpose");

    private final Problems problems;

    TrackerReader(Problems problems) {
        this.problems = problems;
    }

    /** The trackers read without errors, in policy order. */
    List<Tracker> read(Fields top, Set<String> recipientIds, Set<String> categoryIds, Map<String, CookieCategory> categories) {
        Set<String> seen = new HashSet<>();
        return top.collect("trackers", KEYS, f -> tracker(f, seen, recipientIds, categoryIds, categories));
    }

    private @Nullable Tracker tracker(Fields f, Set<String> seen, Set<String> recipientIds, Set<String> categoryIds,
            Map<String, CookieCategory> categories) {
        String id = f.uniqueId(seen);
        String recipient = f.reference("recipient", recipientIds, "recipient");
        String category = f.reference("category", categoryIds, "cookie category");
        String service = f.text("service", false);
        List<String> hosts = f.hosts("hosts");
        CookieCategory declared = category == null ? null : categories.get(category);
        if (declared != null && declared.basis().alwaysNecessary() && !hosts.isEmpty()) {
            problems.warning(LegalRule.STRICTLY_NECESSARY, f.path("hosts"), f.at("hosts"), "tracker hosts listed under "
                    + "the necessary category '" + category + "' are never blocked; check that this tracker is really "
                    + "strictly necessary");
        }
        Set<Tracker.ResourceKind> kinds = EnumSet.noneOf(Tracker.ResourceKind.class);
        List<String> requests = f.texts("requests");
        for (int i = 0; i < requests.size(); i++) {
            try {
                kinds.add(Tracker.ResourceKind.valueOf(requests.get(i).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.error(PathNames.item(f.path("requests"), i), f.at("requests"), "request kind must be script, "
                        + "connect, img or frame, but was '" + requests.get(i) + "'");
            }
        }
        List<String> cookies = f.texts("cookies");
        if (declared != null) {
            cookiesInCategory(f, declared, cookies);
        }
        List<LocalizedText> sends = sends(f);
        LocalizedText sitePurpose = f.localized("site-purpose", false);
        LocalizedText recipientPurpose = f.localized("recipient-purpose", false);
        if (id == null || recipient == null || category == null) {
            return null;
        }
        return new Tracker(id, recipient, category, service == null ? id : service, hosts, kinds, cookies, sends,
                Fields.orEmpty(sitePurpose), Fields.orEmpty(recipientPurpose));
    }

    private void cookiesInCategory(Fields f, CookieCategory category, List<String> cookies) {
        NameMatcher.Builder<String> matcher = NameMatcher.builder();
        category.cookies().forEach(c -> matcher.add(c.name(), c.name()));
        NameMatcher<String> inCategory = matcher.build();
        for (int i = 0; i < cookies.size(); i++) {
            if (inCategory.match(cookies.get(i)) == null) {
                problems.error(PathNames.item(f.path("cookies"), i), f.at("cookies"), "cookie '" + cookies.get(i)
                        + "' is not declared in cookie category '" + category.id()
                        + "'; declare it there so it can be blocked and expired");
            }
        }
    }

    private List<LocalizedText> sends(Fields f) {
        List<LocalizedText> sends = new ArrayList<>();
        List<Node> nodes = f.list("sends");
        for (int i = 0; i < nodes.size(); i++) {
            String path = PathNames.item(f.path("sends"), i);
            LocalizedText text = f.localizedValue(nodes.get(i), path);
            if (text == null) {
                continue;
            }
            sends.add(text);
            for (Map.Entry<String, String> entry : text.values().entrySet()) {
                if (Fields.vague(entry.getValue())) {
                    problems.warning(LegalRule.JP_EXTERNAL_TRANSMISSION, PathNames.child(path, entry.getKey()), nodes.get(i),
                            "'" + entry.getValue() + "' ends vaguely (等, など, etc.); the external-transmission notice "
                                    + "should name each item");
                }
            }
        }
        return sends;
    }
}
