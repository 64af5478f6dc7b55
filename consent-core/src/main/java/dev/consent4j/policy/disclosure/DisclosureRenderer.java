package dev.consent4j.policy.disclosure;

import dev.consent4j.policy.disclosure.Outline.Field;
import dev.consent4j.policy.disclosure.Outline.Section;
import java.util.List;

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

    private DisclosureRenderer() {
    }

    /**
     * A {@code <section class="consent-disclosure">} with the disclosure, headed by an
     * {@code <h2>}, for a page of the shop's own.
     */
    public static String htmlFragment(DisclosureDocument document) {
        StringBuilder html = new StringBuilder(4096);
        Outline outline = Outline.of(document);
        html.append("<section class=\"consent-disclosure\" lang=\"").append(escapeHtml(outline.language()))
                .append("\">\n<h2>").append(escapeHtml(outline.title())).append("</h2>\n");
        sections(html, outline, 3);
        return html.append("</section>\n").toString();
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
    public record Page(String shopName, List<String> stylesheets, String home, String homeText) {

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
        StringBuilder html = new StringBuilder(8192);
        html.append(pageStart(outline.language(), outline.title() + " | " + page.shopName(), page.stylesheets(),
                page.shopName(), page.home()));
        html.append("<h1>").append(escapeHtml(outline.title())).append("</h1>\n");
        sections(html, outline, 2);
        html.append(pageEnd(page.home(), page.homeText()));
        return html.toString();
    }

    /**
     * The opening of a public page of the shop, up to and including {@code <main>}: the shop's name
     * in a banner landmark (a link to {@code home} when given) and the stylesheets. Every text is escaped.
     */
    public static String pageStart(String language, String title, List<String> stylesheets, String shopName,
            String home) {
        StringBuilder html = new StringBuilder(512);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(escapeHtml(language)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escapeHtml(title)).append("</title>\n");
        for (String stylesheet : stylesheets) {
            html.append("<link rel=\"stylesheet\" href=\"").append(escapeHtml(stylesheet)).append("\">\n");
        }
        html.append("</head>\n<body class=\"c4j-page\">\n<header class=\"c4j-page-head\">");
        if (home != null) {
            html.append("<a class=\"c4j-shop\" href=\"").append(escapeHtml(home)).append("\">").append(escapeHtml(shopName))
                    .append("</a>");
        } else {
            html.append("<span class=\"c4j-shop\">").append(escapeHtml(shopName)).append("</span>");
        }
        return html.append("</header>\n<main>\n").toString();
    }

    /** The closing of a page {@link #pageStart} opened, with the link back to the shop when {@code home} is given. */
    public static String pageEnd(String home, String homeText) {
        StringBuilder html = new StringBuilder(160).append("</main>\n");
        if (home != null) {
            html.append("<footer class=\"c4j-page-foot\"><a href=\"").append(escapeHtml(home)).append("\">")
                    .append(escapeHtml(homeText)).append("</a></footer>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** The operator, the notice and the recipients, with headings from level {@code level} down. */
    private static void sections(StringBuilder html, Outline outline, int level) {
        String h = "h" + level, sub = "h" + (level + 1);
        html.append('<').append(h).append('>').append(escapeHtml(outline.operatorHeading())).append("</").append(h).append(">\n");
        htmlFields(html, outline.operator());
        html.append("<p>").append(escapeHtml(outline.versionLine())).append("</p>\n");

        html.append('<').append(h).append('>').append(escapeHtml(outline.transmissionHeading())).append("</").append(h)
                .append(">\n");
        if (outline.trackerRows().isEmpty()) {
            html.append("<p>").append(escapeHtml(outline.noTransmission())).append("</p>\n");
        } else {
            // A table wider than a phone scrolls inside its own region, which the keyboard can reach.
            html.append("<div class=\"c4j-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"")
                    .append(escapeHtml(outline.transmissionHeading())).append("\">\n<table>\n<thead><tr>");
            outline.trackerColumns().forEach(column -> html.append("<th scope=\"col\">").append(escapeHtml(column))
                    .append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : outline.trackerRows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escapeHtml(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n</div>\n");
        }

        html.append('<').append(h).append('>').append(escapeHtml(outline.recipientsHeading())).append("</").append(h)
                .append(">\n");
        if (outline.recipients().isEmpty()) {
            html.append("<p>").append(escapeHtml(outline.noRecipients())).append("</p>\n");
        }
        for (Section recipient : outline.recipients()) {
            html.append("<section id=\"").append(escapeHtml(recipient.anchor())).append("\">\n<").append(sub).append('>')
                    .append(escapeHtml(recipient.heading())).append("</").append(sub).append(">\n");
            htmlFields(html, recipient.fields());
            html.append("</section>\n");
        }
        htmlSections(html, h, sub, outline.sourcesHeading(), outline.sources());
        if (!outline.abroad().isEmpty()) {
            html.append('<').append(h).append('>').append(escapeHtml(outline.abroadHeading())).append("</").append(h)
                    .append(">\n");
            htmlFields(html, outline.abroad());
        }
        htmlSections(html, h, sub, outline.historyHeading(), outline.history());
    }

    /** A self-contained HTML page around {@link #htmlFragment}. */
    public static String htmlPage(DisclosureDocument document) {
        Outline outline = Outline.of(document);
        return "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(outline.language()) + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escapeHtml(outline.title()) + "</title>\n</head>\n<body>\n<main>\n"
                + htmlFragment(document) + "</main>\n</body>\n</html>\n";
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
        html.append('<').append(h).append('>').append(escapeHtml(heading)).append("</").append(h).append(">\n");
        for (Section section : sections) {
            html.append("<section id=\"").append(escapeHtml(section.anchor())).append("\">\n<").append(sub).append('>')
                    .append(escapeHtml(section.heading())).append("</").append(sub).append(">\n");
            htmlFields(html, section.fields());
            html.append("</section>\n");
        }
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

    private static void htmlFields(StringBuilder html, List<Field> fields) {
        html.append("<dl>\n");
        for (Field field : fields) {
            html.append("<dt>").append(escapeHtml(field.label())).append("</dt><dd>");
            if (field.link() != null) {
                html.append("<a href=\"").append(escapeHtml(field.link().toASCIIString())).append("\">")
                        .append(escapeHtml(field.value())).append("</a>");
            } else {
                html.append(escapeHtml(field.value()));
            }
            html.append("</dd>\n");
        }
        html.append("</dl>\n");
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
