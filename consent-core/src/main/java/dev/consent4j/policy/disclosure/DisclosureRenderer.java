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
        Outline outline = Outline.of(document);
        StringBuilder html = new StringBuilder(4096);
        html.append("<section class=\"consent-disclosure\" lang=\"").append(escapeHtml(outline.language()))
                .append("\">\n<h2>").append(escapeHtml(outline.title())).append("</h2>\n");
        html.append("<h3>").append(escapeHtml(outline.operatorHeading())).append("</h3>\n");
        htmlFields(html, outline.operator());
        html.append("<p>").append(escapeHtml(outline.versionLine())).append("</p>\n");

        html.append("<h3>").append(escapeHtml(outline.transmissionHeading())).append("</h3>\n");
        if (outline.trackerRows().isEmpty()) {
            html.append("<p>").append(escapeHtml(outline.noTransmission())).append("</p>\n");
        } else {
            html.append("<table>\n<thead><tr>");
            outline.trackerColumns().forEach(column -> html.append("<th scope=\"col\">").append(escapeHtml(column))
                    .append("</th>"));
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : outline.trackerRows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escapeHtml(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        html.append("<h3>").append(escapeHtml(outline.recipientsHeading())).append("</h3>\n");
        if (outline.recipients().isEmpty()) {
            html.append("<p>").append(escapeHtml(outline.noRecipients())).append("</p>\n");
        }
        for (Section recipient : outline.recipients()) {
            html.append("<section id=\"").append(escapeHtml(recipient.anchor())).append("\">\n<h4>")
                    .append(escapeHtml(recipient.heading())).append("</h4>\n");
            htmlFields(html, recipient.fields());
            html.append("</section>\n");
        }
        htmlSections(html, outline.sourcesHeading(), outline.sources());
        if (!outline.abroad().isEmpty()) {
            html.append("<h3>").append(escapeHtml(outline.abroadHeading())).append("</h3>\n");
            htmlFields(html, outline.abroad());
        }
        htmlSections(html, outline.historyHeading(), outline.history());
        return html.append("</section>\n").toString();
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
    private static void htmlSections(StringBuilder html, String heading, List<Section> sections) {
        if (sections.isEmpty()) {
            return;
        }
        html.append("<h3>").append(escapeHtml(heading)).append("</h3>\n");
        for (Section section : sections) {
            html.append("<section id=\"").append(escapeHtml(section.anchor())).append("\">\n<h4>")
                    .append(escapeHtml(section.heading())).append("</h4>\n");
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
    static String escapeHtml(String text) {
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
