package dev.consent4j.servlet;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Tracker;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The JSON body of {@code GET {base}/policy}, as documented in {@code docs/http-api.md}: what the banner needs. */
final class PolicyView {

    /** The body of {@code GET {base}/policy}; {@code ui} is keyed in camelCase ({@link UiTexts#forScript}). */
    record Json(String policyId, String version, String language, List<String> languages, Operator operator,
            Map<String, String> ui, List<Category> categories, List<PurposeJson> purposes,
            List<Disclosure.Version> changes, ConsentMode consentMode, Links links) {
    }

    record Operator(String name) {
    }

    /** A cookie category; {@code who} is {@code null} when nothing is sent to anyone. */
    record Category(String id, String title, String description, boolean choosable, List<String> cookies,
            List<Storage> storage, List<String> consentModeTypes, List<TrackerJson> trackers, @Nullable String who) {
    }

    record Storage(String name, String kind) {
    }

    record TrackerJson(String id, String service, String recipient, List<String> hosts) {
    }

    /** A purpose the banner offers; {@code who} is {@code null} when it is provided to no one. */
    record PurposeJson(String id, String title, String description, boolean choosable, boolean saleOrSharing,
            boolean targetedAdvertising, List<RecipientJson> recipients, @Nullable String who) {
    }

    /**
     * A recipient; {@code country} is the first of its {@code countries}, {@code countryName} names
     * them all in the language; {@code examples} and {@code andOthers} only for one the policy
     * describes by category.
     */
    record RecipientJson(String id, String name, String relation, String country, List<String> countries, String countryName,
            @JsonInclude(NON_NULL) @Nullable List<String> examples,
            @JsonInclude(NON_NULL) @Nullable Boolean andOthers) {
    }

    record ConsentMode(List<ConsentModeDefault> defaults) {
    }

    /** A Google Consent Mode {@code default} entry: the regions (none for everywhere) and the types granted there. */
    record ConsentModeDefault(List<String> region, List<String> granted) {
    }

    record Links(String state, String choices, String disclosure, String doNotSell) {
    }

    private PolicyView() {
    }

    /** What the banner needs, in {@code language}, for a shopper in {@code jurisdiction}. */
    public static Json policy(StateFolder folder, Instant now, String language, Jurisdiction jurisdiction, String base) {
        Policy policy = folder.policy();
        String fallback = policy.defaultLanguage();
        List<Category> categories = new ArrayList<>();
        for (CookieCategory category : policy.cookieCategories()) {
            List<String> cookies = new ArrayList<>();
            List<Storage> storage = new ArrayList<>();
            for (CookieDeclaration cookie : category.cookies()) {
                if (cookie.isCookie()) {
                    cookies.add(cookie.name());
                } else {
                    storage.add(new Storage(cookie.name(), storageKind(cookie.storage())));
                }
            }
            List<TrackerJson> trackers = new ArrayList<>();
            for (Tracker tracker : policy.trackersIn(category.id())) {
                trackers.add(new TrackerJson(tracker.id(), tracker.serviceName(), policy.recipient(tracker.recipient())
                        .map(r -> r.name().in(language, fallback)).orElse(tracker.recipient()), tracker.hosts()));
            }
            categories.add(new Category(category.id(), category.title().in(language, fallback),
                    category.description().in(language, fallback), category.basis().in(jurisdiction) != Basis.NECESSARY,
                    cookies, storage, category.consentModeTypes(), trackers, who(policy, language, "trackers",
                            trackers.stream().map(t -> UiTexts.paren(language, t.service(), t.recipient())).toList())));
        }
        List<PurposeJson> purposes = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            // Marketing by channel is chosen on the account page; necessary and notice-only purposes offer no choice.
            if (!purpose.channels().isEmpty() || !purpose.basis().in(jurisdiction).choosable()) {
                continue;
            }
            List<RecipientJson> recipients = new ArrayList<>();
            for (String id : purpose.recipients()) {
                policy.recipient(id).ifPresent(r -> recipients.add(recipient(r, language, fallback)));
            }
            purposes.add(new PurposeJson(purpose.id(), purpose.title().in(language, fallback),
                    purpose.description().in(language, fallback), purpose.basis().in(jurisdiction) != Basis.NECESSARY,
                    purpose.saleOrSharing(), purpose.targetedAdvertising(), recipients, who(policy, language, "recipients",
                            recipients.stream().map(r -> UiTexts.paren(language, r.name(), r.countryName())).toList())));
        }
        // What this version changed, for a banner that asks again after a change.
        List<Disclosure.Version> changes = policy.history().isEmpty() ? List.of()
                : Disclosure.history(policy, List.of(policy.history().get(policy.history().size() - 1)), language);
        return new Json(policy.id(), policy.version(), language, policy.languages(),
                new Operator(policy.operator().name().in(language, fallback)), UiTexts.forScript(policy, language),
                categories, purposes, changes, new ConsentMode(consentModeDefaults(folder, now)),
                new Links(base + "/state", base + "/choices", base + "/disclosure", base + "/do-not-sell"));
    }

    private static RecipientJson recipient(Recipient recipient, String language, String fallback) {
        boolean byCategory = recipient.describedByCategory();
        return new RecipientJson(recipient.id(), recipient.name().in(language, fallback), recipient.relation().id(),
                recipient.country(), recipient.countries(), String.join(UiTexts.separator(language),
                        recipient.countries().stream().map(code -> UiTexts.country(language, code)).toList()),
                byCategory ? recipient.examples() : null, byCategory ? recipient.andOthers() : null);
    }

    /** "Sent to: A (B), C (D)" in the language's punctuation, or {@code null} when there is no one. */
    private static @Nullable String who(Policy policy, String language, String labelKey, List<String> names) {
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
    static List<ConsentModeDefault> consentModeDefaults(StateFolder folder, Instant now) {
        Policy policy = folder.policy();
        Set<String> regions = new TreeSet<>();
        for (CookieCategory category : policy.cookieCategories()) {
            regions.addAll(category.basis().overrides().keySet());
        }
        List<ConsentModeDefault> defaults = new ArrayList<>();
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
        defaults.add(new ConsentModeDefault(List.of(), globallyGranted));
        for (String region : regions) {
            List<String> granted = new ArrayList<>();
            undecided(folder, Jurisdiction.of(region), now).consentMode().forEach((type, allowed) -> {
                if (allowed) {
                    granted.add(type);
                }
            });
            // Consent Mode takes ISO 3166 codes, not "EU".
            List<String> codes = region.equals("EU") ? List.copyOf(new TreeSet<>(Jurisdiction.eeaCountries())) : List.of(region);
            defaults.add(new ConsentModeDefault(codes, granted));
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
