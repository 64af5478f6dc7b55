package dev.consent4j.policy.load;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the policy's {@code banner:} section (text overrides per language, the pause after an
 * opt-out per jurisdiction) and warns where an overridden text says something the bases contradict.
 */
final class BannerReader {

    private static final Set<String> KEYS = Set.of("texts", "ask-again-after-opt-out");

    /** Wording that promises nothing runs without consent, by language; compared without case. */
    private static final Map<String, List<String>> CONSENT_ONLY = Map.of(
            "en", List.of("only if you agree", "only with your consent", "only if you consent", "only after you agree",
                    "only when you agree", "only with your permission"),
            "ja", List.of("同意いただいた場合にのみ", "同意いただいた場合のみ", "同意された場合にのみ", "同意された場合のみ",
                    "同意を得た場合にのみ", "同意を得た場合のみ", "同意がある場合のみ", "同意なしには", "同意なく"));

    private final Problems problems;

    BannerReader(Problems problems) {
        this.problems = problems;
    }

    /** The section, or the defaults when the file has none (or only errors, which are reported). */
    BannerSettings read(Fields top, List<CookieCategory> categories, List<Purpose> purposes) {
        Fields banner = top.object("banner", false, KEYS);
        if (banner == null) {
            return BannerSettings.defaults();
        }
        Map<String, Map<String, String>> texts = texts(banner, top.languages());
        Map<String, Period> pauses = pauses(banner);
        warnOnContradictions(banner, texts, categories, purposes);
        return new BannerSettings(texts, pauses);
    }

    private Map<String, Map<String, String>> texts(Fields banner, List<String> languages) {
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        Fields byLanguage = banner.object("texts", false, Set.copyOf(languages));
        if (byLanguage == null) {
            return texts;
        }
        for (String language : languages) {
            Fields keys = byLanguage.object(language, false, Set.copyOf(BannerSettings.TEXT_KEYS));
            if (keys == null) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : BannerSettings.TEXT_KEYS) {
                String text = keys.text(key, false);
                if (text == null) {
                    continue;
                }
                List<String> allowed = BannerSettings.PLACEHOLDERS.getOrDefault(key, List.of());
                for (String placeholder : placeholders(text)) {
                    if (!allowed.contains(placeholder)) {
                        problems.error(keys.path(key), keys.at(key), "unknown placeholder " + placeholder + " in the '" + key
                                + "' text" + (allowed.isEmpty() ? "; this text takes none" : "; it takes " + String.join(", ", allowed)));
                    }
                }
                values.put(key, text);
            }
            texts.put(language, values);
        }
        return texts;
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[^{}]*}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private Map<String, Period> pauses(Fields banner) {
        Map<String, Period> pauses = new LinkedHashMap<>();
        String key = "ask-again-after-opt-out";
        if (!banner.has(key)) {
            return pauses;
        }
        Node node = banner.at(key);
        if (node instanceof ScalarNode) {
            Period period = period(banner.text(key, false), banner.path(key), node);
            if (period != null) {
                pauses.put("default", period);
            }
            return pauses;
        }
        if (!(node instanceof ObjectNode object)) {
            problems.error(banner.path(key), node, "expected a period such as P12M, or {default: P12M, US: P12M}, but found "
                    + node.kindName());
            return pauses;
        }
        object.fields().forEach((code, value) -> {
            String path = PathNames.child(banner.path(key), code);
            if (!code.equals("default") && !Jurisdiction.isValidCode(code)) {
                problems.error(path, value, "'" + code + "' is not a jurisdiction code such as US, US-CA or EU, nor default");
                return;
            }
            String text = value instanceof ScalarNode scalar && scalar.text() != null ? scalar.text().trim() : null;
            Period period = period(text, path, value);
            if (period != null) {
                pauses.put(code, period);
            }
        });
        return pauses;
    }

    private @Nullable Period period(@Nullable String text, String path, Node at) {
        try {
            Period period = Period.parse(text == null ? "" : text);
            if (!period.isNegative()) {
                return period;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.error(path, at, "expected a period such as P12M (12 months) or P0D (ask again at once), but found '"
                + text + "'");
        return null;
    }

    /**
     * Where something runs without consent in some jurisdiction (an opt-out basis on a cookie
     * category or a purpose the banner shows), a body text must not promise that nothing does.
     */
    private void warnOnContradictions(Fields banner, Map<String, Map<String, String>> texts,
            List<CookieCategory> categories, List<Purpose> purposes) {
        Map<String, LocalizedText> optOut = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (CookieCategory category : categories) {
            String at = optOutSomewhere(category.basis());
            if (at != null) {
                optOut.put(category.id(), category.title());
                where.put(category.id(), at);
            }
        }
        for (Purpose purpose : purposes) {
            String at = purpose.channels().isEmpty() ? optOutSomewhere(purpose.basis()) : null;
            if (at != null) {
                optOut.put(purpose.id(), purpose.title());
                where.put(purpose.id(), at);
            }
        }
        if (optOut.isEmpty()) {
            return;
        }
        String firstId = optOut.keySet().iterator().next();
        texts.forEach((language, byKey) -> byKey.forEach((key, text) -> {
            String path = PathNames.child(PathNames.child(banner.path("texts"), language), key);
            Node at = banner.at("texts");
            boolean promises = promisesConsent(text);
            if (promises && (key.equals("notice") || key.equals("us"))) {
                problems.warning(path, at, "the '" + key + "' text is shown where something already runs without consent ('"
                        + firstId + "' is opt-out in " + where.get(firstId) + "), but it says it is used only with consent");
            } else if (key.equals("opt-in") && promises) {
                for (Map.Entry<String, LocalizedText> entry : optOut.entrySet()) {
                    String title = entry.getValue().in(language, language);
                    if (title != null && text.toLowerCase(Locale.ROOT).contains(title.toLowerCase(Locale.ROOT))) {
                        problems.warning(path, at, "the 'opt-in' text says '" + title + "' is used only with consent, but '"
                                + entry.getKey() + "' is opt-out in " + where.get(entry.getKey())
                                + "; leave it to {asked}, which names only what waits for consent");
                        return;
                    }
                }
                if (!text.contains("{asked}")) {
                    problems.warning(path, at, "the 'opt-in' text says everything is used only with consent, but '" + firstId
                            + "' is opt-out in " + where.get(firstId) + "; name what waits for consent with {asked}");
                }
            }
        }));
    }

    private static boolean promisesConsent(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (List<String> phrases : CONSENT_ONLY.values()) {
            for (String phrase : phrases) {
                if (lower.contains(phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the rule makes a topic opt-out ({@code default} or a jurisdiction code), or {@code null}. */
    private static @Nullable String optOutSomewhere(BasisRule basis) {
        if (basis.byDefault() == Basis.OPT_OUT) {
            return "default";
        }
        return basis.overrides().entrySet().stream().filter(e -> e.getValue() == Basis.OPT_OUT).map(Map.Entry::getKey)
                .sorted().findFirst().orElse(null);
    }
}
