package dev.consent4j.internal.html;

import dev.consent4j.policy.disclosure.DisclosureRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A piece of HTML from a {@code pages/<name>.html} resource next to a class of the library: the
 * library's own pages (the disclosure here, the servlet's public pages) are made of these, not of
 * HTML in Java. {@code {{name}}} is replaced by a value, escaped by
 * {@link DisclosureRenderer#escapeHtml}; {@code {{&name}}} by HTML another template made. Nothing
 * else: repetition and optional parts are the caller's, by rendering pieces and joining them. The
 * file's final line break is not part of the piece.
 *
 * <p>For the library's modules; applications write their pages with a template engine of their own.
 */
public final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(&?)([a-zA-Z][a-zA-Z0-9-]*)}}");

    private final String name;
    private final String text;
    private final Set<String> names = new LinkedHashSet<>();

    private PageTemplate(String name, String text) {
        this.name = name;
        this.text = text;
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(2));
        }
    }

    /** The piece in {@code pages/<name>.html} beside {@code owner} (in its package's resources). */
    public static PageTemplate load(Class<?> owner, String name) {
        String resource = "pages/" + name + ".html";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("page template missing from the jar: " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PageTemplate(name, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The piece with every placeholder filled from {@code values}, which must name exactly the
     * template's placeholders: a missing or a stray value is a mistake in the caller.
     */
    public String render(Map<String, String> values) {
        if (!values.keySet().equals(names)) {
            throw new IllegalArgumentException("template " + name + " takes " + names + ", but was given " + values.keySet());
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = Objects.requireNonNull(values.get(m.group(2)));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).isEmpty() ? DisclosureRenderer.escapeHtml(value) : value));
        }
        return m.appendTail(out).toString();
    }

    /** The piece with its one placeholder filled. */
    public String render(String key, String value) {
        return render(Map.of(key, value));
    }
}
