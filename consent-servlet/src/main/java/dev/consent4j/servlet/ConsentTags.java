package dev.consent4j.servlet;

import dev.consent4j.policy.disclosure.DisclosureRenderer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The two tags that load the banner, for a page's {@code <head>}, before any Google tag (see
 * {@code docs/banner.md}): the script, which reads the endpoints at its {@code data-base}, and the
 * stylesheet. Paths start with the request's context path, so a shop deployed as a WAR under
 * {@code /shop} gets {@code /shop/consent/assets/consent.js}. The result is HTML, escaped; write it
 * as it is:
 *
 * <pre>{@code
 * out.write("<head><title>Shop</title>" + ConsentTags.head(request) + "</head>");
 * }</pre>
 */
public final class ConsentTags {

    /** Where {@link ConsentEndpoints} is mapped unless the shop chose another path. */
    public static final String DEFAULT_BASE_PATH = "/consent";

    private ConsentTags() {
    }

    /** The tags for endpoints mapped at {@code /consent/*} in the request's context. */
    public static String head(HttpServletRequest request) {
        return head(request, DEFAULT_BASE_PATH);
    }

    /**
     * The tags for endpoints mapped at {@code basePath + "/*"} in the request's context.
     *
     * @param basePath the mapping without its {@code /*}: starts with {@code /}, does not end with one
     */
    public static String head(HttpServletRequest request, String basePath) {
        if (basePath == null || !basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath starts with / and does not end with one, like /consent; was "
                    + basePath);
        }
        String base = DisclosureRenderer.escapeHtml(request.getContextPath() + basePath);
        return "<script src=\"" + base + "/assets/consent.js\" data-base=\"" + base + "\"></script>\n"
                + "<link rel=\"stylesheet\" href=\"" + base + "/assets/consent.css\">\n";
    }
}
