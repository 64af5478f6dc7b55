package dev.consent4j.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A text in several languages, keyed by BCP 47 language tag ({@code ja}, {@code en}).
 */
public record LocalizedText(Map<String, String> values) {

    public static final LocalizedText EMPTY = new LocalizedText(Map.of());

    public LocalizedText {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    public static LocalizedText of(String language1, String text1, String language2, String text2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(language1, text1);
        map.put(language2, text2);
        return new LocalizedText(map);
    }

    /** The text in {@code language} exactly, or {@code null}. */
    public @Nullable String get(String language) {
        return values.get(language);
    }

    /**
     * The text in {@code language}; failing that, in {@code fallbackLanguage}; failing that, the
     * first one declared; and {@code ""} when there is none.
     */
    public String in(@Nullable String language, @Nullable String fallbackLanguage) {
        String text = language == null ? null : values.get(language);
        if (text == null && fallbackLanguage != null) {
            text = values.get(fallbackLanguage);
        }
        if (text == null) {
            text = values.isEmpty() ? "" : values.values().iterator().next();
        }
        return text;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
