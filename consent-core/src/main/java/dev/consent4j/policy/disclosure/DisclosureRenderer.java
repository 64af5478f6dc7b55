package dev.consent4j.policy.disclosure;

import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.disclosure.Outline.Field;
import dev.consent4j.policy.disclosure.Outline.Section;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link DisclosureDocument} as HTML (a fragment to embed in a shop's page, or a whole
 * page) or as Markdown. Both show the same items in the same order; every text from the policy is
 * escaped for the format, so a policy cannot inject markup.
 *
 * <pre>{@code
 * String html = DisclosureRenderer.htmlPage(DisclosureDocument.of(policy, "ja"));
 * }</pre>
 */
public final class DisclosureRenderer {

    // The HTML is in pages/*.html beside this class; the pieces that end in a line break are rendered by line().
    private static final PageTemplate HEAD = template("head");
    private static final PageTemplate STANDALONE_PAGE = template("standalone-page");
    private static final PageTemplate FRAGMENT = template("fragment");
    private static final PageTemplate SHOP_PAGE = template("shop-page");
    private static final PageTemplate PAGE_START = template("page-start");
    private static final PageTemplate STYLESHEET = template("stylesheet");
    private static final PageTemplate SHOP_LINK = template("shop-link");
    private static final PageTemplate SHOP_NAME = template("shop-name");
    private static final PageTemplate PAGE_END = template("page-end");
    private static final PageTemplate FOOTER = template("footer");
    private static final PageTemplate HEADING = template("heading");
    private static final PageTemplate PARAGRAPH = template("paragraph");
    private static final PageTemplate TABLE = template("table");
    private static final PageTemplate COLUMN = template("column");
    private static final PageTemplate ROW = template("row");
    private static final PageTemplate CELL = template("cell");
    private static final PageTemplate SECTION = template("section");
    private static final PageTemplate FIELDS = template("fields");
    private static final PageTemplate FIELD = template("field");
    private static final PageTemplate FIELD_LINK = template("field-link");

    private DisclosureRenderer() {
    }

    private static PageTemplate template(String name) {
        return PageTemplate.load(DisclosureRenderer.class, name);
    }

    /** A piece that is whole lines: the rendered template and its final line break. */
    private static String line(PageTemplate template, Map<String, String> values) {
        return template.render(values) + "\n";
    }

    /**
     * A {@code <section class="consent-disclosure">} with the disclosure, headed by an
     * {@code <h2>}, for a page of the shop's own.
     */
    public static String htmlFragment(DisclosureDocument document) {
        Outline outline = Outline.of(document);
        return line(FRAGMENT, Map.of("language", outline.language(), "title", outline.title(),
                "sections", sections(outline, 3)));
    }

    /**
     * How {@link #htmlPage(DisclosureDocument, Page)} dresses the disclosure as the shop's own page.
     *
     * @param shopName   shown above the title
     * @param stylesheets the addresses of the stylesheets that theme it, in order (the library's page
     *                    stylesheet, then the shop's custom properties)
     * @param home       the address of the link back to the shop, or {@code null} for none
     * @param homeText   the words of that link
     */
    public record Page(String shopName, List<String> stylesheets, @Nullable String home, String homeText) {

        public Page {
            java.util.Objects.requireNonNull(shopName, "shopName");
            stylesheets = List.copyOf(stylesheets);
            if (home != null) {
                java.util.Objects.requireNonNull(homeText, "homeText");
            }
        }
    }

    /**
     * A whole page for the shop's visitors, themed by {@code page}'s stylesheet: the shop's name,
     * the disclosure under an {@code <h1>}, and a link back to the shop. It needs no script.
     */
    public static String htmlPage(DisclosureDocument document, Page page) {
        Outline outline = Outline.of(document);
        // pageEnd is whole lines already.
        return SHOP_PAGE.render(Map.of(
                "pageStart", pageStart(outline.language(), outline.title() + " | " + page.shopName(), page.stylesheets(),
                        page.shopName(), page.home()),
                "title", outline.title(),
                "sections", sections(outline, 2),
                "pageEnd", pageEnd(page.home(), page.homeText())));
    }

    /**
     * The opening of a public page of the shop, up to and including {@code <main>}: the shop's name
     * in a banner landmark (a link to {@code home} when given) and the stylesheets. Every text is escaped.
     */
    public static String pageStart(String language, String title, List<String> stylesheets, String shopName,
            @Nullable String home) {
        StringBuilder links = new StringBuilder();
        stylesheets.forEach(stylesheet -> links.append(line(STYLESHEET, Map.of("href", stylesheet))));
        return line(PAGE_START, Map.of(
                "head", head(language, title),
                "stylesheets", links.toString(),
                "shop", home != null ? SHOP_LINK.render(Map.of("home", home, "name", shopName))
                        : SHOP_NAME.render("name", shopName)));
    }

    /** The closing of a page {@link #pageStart} opened, with the link back to the shop when {@code home} is given. */
    public static String pageEnd(@Nullable String home, String homeText) {
        return line(PAGE_END, Map.of("footer", home == null ? "" : line(FOOTER, Map.of("home", home, "text", homeText))));
    }

    /** The start of a page's head, up to its title. */
    private static String head(String language, String title) {
        return line(HEAD, Map.of("language", language, "title", title));
    }

    /** The operator, the notice and the recipients, with headings from level {@code level} down. */
    private static String sections(Outline outline, int level) {
        String h = "h" + level, sub = "h" + (level + 1);
        StringBuilder html = new StringBuilder(4096);
        html.append(heading(h, outline.operatorHeading())).append(htmlFields(outline.operator()))
                .append(line(PARAGRAPH, Map.of("text", outline.versionLine())));

        html.append(heading(h, outline.transmissionHeading()));
        if (outline.trackerRows().isEmpty()) {
            html.append(line(PARAGRAPH, Map.of("text", outline.noTransmission())));
        } else {
            // A table wider than a phone scrolls inside its own region, which the keyboard can reach.
            StringBuilder columns = new StringBuilder();
            outline.trackerColumns().forEach(column -> columns.append(COLUMN.render("text", column)));
            StringBuilder rows = new StringBuilder();
            for (List<String> row : outline.trackerRows()) {
                StringBuilder cells = new StringBuilder();
                row.forEach(cell -> cells.append(CELL.render("text", cell)));
                rows.append(line(ROW, Map.of("cells", cells.toString())));
            }
            html.append(line(TABLE, Map.of("label", outline.transmissionHeading(), "columns", columns.toString(),
                    "rows", rows.toString())));
        }

        html.append(heading(h, outline.recipientsHeading()));
        if (outline.recipients().isEmpty()) {
            html.append(line(PARAGRAPH, Map.of("text", outline.noRecipients())));
        }
        html.append(htmlSectionList(sub, outline.recipients()));
        htmlSections(html, h, sub, outline.sourcesHeading(), outline.sources());
        if (!outline.abroad().isEmpty()) {
            html.append(heading(h, outline.abroadHeading())).append(htmlFields(outline.abroad()));
        }
        htmlSections(html, h, sub, outline.historyHeading(), outline.history());
        return html.toString();
    }

    private static String heading(String h, String text) {
        return line(HEADING, Map.of("h", h, "text", text));
    }

    /** A self-contained HTML page around {@link #htmlFragment}. */
    public static String htmlPage(DisclosureDocument document) {
        Outline outline = Outline.of(document);
        return line(STANDALONE_PAGE, Map.of("head", head(outline.language(), outline.title()),
                "fragment", htmlFragment(document)));
    }

    /** The disclosure as CommonMark with a GitHub-style table, headed by a level-1 heading. */
    public static String markdown(DisclosureDocument document) {
        Outline outline = Outline.of(document);
        StringBuilder md = new StringBuilder(4096);
        md.append("# ").append(escapeMarkdown(outline.title())).append("\n\n");
        md.append("## ").append(escapeMarkdown(outline.operatorHeading())).append("\n\n");
        markdownFields(md, outline.operator());
        md.append(escapeMarkdown(outline.versionLine())).append("\n\n");

        md.append("## ").append(escapeMarkdown(outline.transmissionHeading())).append("\n\n");
        if (outline.trackerRows().isEmpty()) {
            md.append(escapeMarkdown(outline.noTransmission())).append("\n\n");
        } else {
            markdownRow(md, outline.trackerColumns());
            md.append("|").append("---|".repeat(outline.trackerColumns().size())).append('\n');
            outline.trackerRows().forEach(row -> markdownRow(md, row));
            md.append('\n');
        }

        md.append("## ").append(escapeMarkdown(outline.recipientsHeading())).append("\n\n");
        if (outline.recipients().isEmpty()) {
            md.append(escapeMarkdown(outline.noRecipients())).append("\n\n");
        }
        for (Section recipient : outline.recipients()) {
            md.append("### ").append(escapeMarkdown(recipient.heading())).append("\n\n");
            markdownFields(md, recipient.fields());
        }
        markdownSections(md, outline.sourcesHeading(), outline.sources());
        if (!outline.abroad().isEmpty()) {
            md.append("## ").append(escapeMarkdown(outline.abroadHeading())).append("\n\n");
            markdownFields(md, outline.abroad());
        }
        markdownSections(md, outline.historyHeading(), outline.history());
        return md.toString();
    }

    /** A heading and its sections; nothing when there are none. */
    private static void htmlSections(StringBuilder html, String h, String sub, String heading, List<Section> sections) {
        if (sections.isEmpty()) {
            return;
        }
        html.append(heading(h, heading)).append(htmlSectionList(sub, sections));
    }

    /** Each section with its {@code sub} heading and its fields. */
    private static String htmlSectionList(String sub, List<Section> sections) {
        StringBuilder html = new StringBuilder();
        for (Section section : sections) {
            html.append(line(SECTION, Map.of("anchor", section.anchor(), "h", sub, "heading", section.heading(),
                    "fields", htmlFields(section.fields()))));
        }
        return html.toString();
    }

    private static void markdownSections(StringBuilder md, String heading, List<Section> sections) {
        if (sections.isEmpty()) {
            return;
        }
        md.append("## ").append(escapeMarkdown(heading)).append("\n\n");
        for (Section section : sections) {
            md.append("### ").append(escapeMarkdown(section.heading())).append("\n\n");
            markdownFields(md, section.fields());
        }
    }

    private static String htmlFields(List<Field> fields) {
        StringBuilder items = new StringBuilder();
        for (Field field : fields) {
            items.append(field.link() != null
                    ? line(FIELD_LINK, Map.of("label", field.label(), "link", field.link().toASCIIString(), "value", field.value()))
                    : line(FIELD, Map.of("label", field.label(), "value", field.value())));
        }
        return line(FIELDS, Map.of("fields", items.toString()));
    }

    private static void markdownFields(StringBuilder md, List<Field> fields) {
        for (Field field : fields) {
            md.append("- **").append(escapeMarkdown(field.label())).append("**: ");
            if (field.link() != null) {
                // An autolink: the URI's ASCII form has no spaces, '<' or '>' that could end it early.
                md.append('<').append(field.link().toASCIIString()).append('>');
            } else {
                md.append(escapeMarkdown(field.value()));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void markdownRow(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(cell -> md.append(' ').append(escapeMarkdown(cell)).append(" |"));
        md.append('\n');
    }

    /** Text safe in HTML element content and in quoted attribute values. */
    public static String escapeHtml(String text) {
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

    /**
     * Text that Markdown shows as written, on one line: the characters that can start inline markup
     * (code, emphasis, links and images, raw HTML, entities, strikethrough, table cells, a heading's
     * closing sequence) are escaped with a backslash, and line breaks become spaces so a text cannot
     * open a block. Every text follows a label, a list marker or a cell border, never a line start.
     */
    static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append(' ');
            } else if ("\\`*_[]<>&|~#".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
