package dev.consent4j.servlet;

import dev.consent4j.policy.BannerSettings;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The banner's and the public pages' own words: the library's built-in Japanese and English (the
 * {@code META-INF/consent4j/ui-texts_*.properties} resources), each replaced where the policy's
 * {@code banner.texts} gives its own (keys as in {@link BannerSettings#TEXT_KEYS}).
 */
final class UiTexts {

    /** Texts only operators see, beside {@link BannerSettings#TEXT_KEYS} in the resources. */
    static final List<String> OPERATOR_KEYS = List.of("undeclared-hosts");

    private static final Map<String, String> EN = load("en");
    private static final Map<String, String> JA = load("ja");

    /** The texts the banner script reads from {@code /policy} (the body sentences come with {@code /state}). */
    private static final List<String> SCRIPT_KEYS = List.of("accept-all", "reject-all", "choose", "save", "close",
            "always-on", "saved", "disclosure-link", "preferences-title");

    private UiTexts() {
    }

    /** The built-in text for {@code key} in {@code language} (Japanese, else English). */
    static String builtIn(String language, String key) {
        String text = ("ja".equals(language) ? JA : EN).get(key);
        if (text == null) {
            throw new IllegalArgumentException("no built-in text: " + key);
        }
        return text;
    }

    /** A built-in text of the operator-only pages ({@link #OPERATOR_KEYS}), which a policy does not replace. */
    static String operatorText(String language, String key) {
        if (!OPERATOR_KEYS.contains(key)) {
            throw new IllegalArgumentException("not an operator text: " + key);
        }
        return builtIn(language, key);
    }

    /** The text for {@code key} in {@code language}: the policy's own, else the built-in one. */
    public static String text(Policy policy, String language, String key) {
        return policy.banner().text(language, key).orElseGet(() -> builtIn(language, key));
    }

    /** The banner script's texts, keyed in camelCase as {@code /policy} has them. */
    public static Map<String, String> forScript(Policy policy, String language) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : SCRIPT_KEYS) {
            map.put(camel(key), text(policy, language, key));
        }
        return Collections.unmodifiableMap(map);
    }

    /** How lists are joined in {@code language}. */
    static String separator(String language) {
        return "ja".equals(language) ? "、" : ", ";
    }

    /** {@code main (aside)} with the language's brackets: full-width in Japanese. */
    static String paren(String language, String main, @Nullable String aside) {
        if (aside == null || aside.isEmpty()) {
            return main;
        }
        return "ja".equals(language) ? main + "（" + aside + "）" : main + " (" + aside + ")";
    }

    /** {@code label: value} with the language's colon. */
    static String labelled(String language, String label, String value) {
        return label + ("ja".equals(language) ? "：" : ": ") + value;
    }

    /** A country's name in {@code language}, e.g. {@code 日本} or {@code Japan}; the code where Java knows no name. */
    public static String country(String language, @Nullable String code) {
        return DisclosureDocument.country(language, code);
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '-' && i + 1 < key.length()) {
                out.append(Character.toUpperCase(key.charAt(++i)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The built-in texts of {@code META-INF/consent4j/ui-texts_<language>.properties}, read as UTF-8;
     * their keys must be exactly {@link BannerSettings#TEXT_KEYS} and {@link #OPERATOR_KEYS}.
     */
    static Map<String, String> load(String language) {
        String resource = "/META-INF/consent4j/ui-texts_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = UiTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in texts missing from the jar: " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        List<String> keys = new ArrayList<>(BannerSettings.TEXT_KEYS);
        keys.addAll(OPERATOR_KEYS);
        if (!properties.stringPropertyNames().equals(new HashSet<>(keys))) {
            throw new IllegalStateException(resource + " out of step with BannerSettings.TEXT_KEYS: it has "
                    + new TreeSet<>(properties.stringPropertyNames()));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : keys) {
            map.put(key, properties.getProperty(key));
        }
        return Collections.unmodifiableMap(map);
    }
}
