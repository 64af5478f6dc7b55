package dev.consent4j.servlet;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Tracker;
import dev.consent4j.request.Disclosure;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.state.fold.StateFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The JSON body of {@code GET {base}/policy}, as documented in {@code docs/http-api.md}: what the banner needs. */
final class PolicyView {

    private PolicyView() {
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

    static String storageKind(CookieDeclaration.Storage storage) {
        return switch (storage) {
            case LOCAL_STORAGE -> "localStorage";
            case SESSION_STORAGE -> "sessionStorage";
            case INDEXED_DB -> "indexedDB";
            case COOKIE -> "cookie";
        };
    }
}
