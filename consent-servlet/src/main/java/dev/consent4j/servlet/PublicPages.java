package dev.consent4j.servlet;

import dev.consent4j.ConsentManager;
import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The frame of the public pages (disclosure, one-click unsubscribe, guardian consent): the shop's
 * name, the library's stylesheet then the shop's themes, and the link back home. The pages are
 * pieces of HTML from {@code pages/*.html} ({@link PageTemplate}); the frame's start and end are the
 * disclosure renderer's, so the generated disclosure files look the same.
 */
final class PublicPages {

    private static final PageTemplate PAGE = PageTemplate.load(PublicPages.class, "public-page");
    /** A message on a public page, read by screen readers as the page's status. */
    static final PageTemplate STATUS = PageTemplate.load(PublicPages.class, "status");

    private final ConsentManager consents;
    private final @Nullable String home;
    private final List<String> themes;

    PublicPages(ConsentManager consents, @Nullable String home, List<String> themes) {
        this.consents = consents;
        this.home = home;
        this.themes = themes;
    }

    /**
     * A public page of the shop (unsubscribe, guardian consent): the shop's frame and theme, the
     * title, {@code content} (already escaped HTML) and the link back. It needs no script.
     */
    void publicPage(HttpServletRequest request, HttpServletResponse response, int status, String language, String title,
            String content) throws IOException {
        String html = PAGE.render(Map.of(
                "pageStart", DisclosureRenderer.pageStart(language, title + " | " + shopName(language), stylesheets(request),
                        shopName(language), home),
                "title", title,
                "content", content,
                "pageEnd", DisclosureRenderer.pageEnd(home, UiTexts.text(consents.policy(), language, "back"))));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    String shopName(String language) {
        return consents.policy().operator().name().in(language, consents.policy().defaultLanguage());
    }

    /** The library's page stylesheet, from this servlet's own assets, then the shop's themes. */
    List<String> stylesheets(HttpServletRequest request) {
        List<String> sheets = new ArrayList<>();
        sheets.add(request.getContextPath() + request.getServletPath() + "/assets/page.css");
        sheets.addAll(themes);
        return sheets;
    }

    /** Where the pages link back to, or {@code null} for no link. */
    @Nullable String home() {
        return home;
    }
}
