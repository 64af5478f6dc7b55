package dev.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests another site's page makes the browser send: by
 * {@code Sec-Fetch-Site} where the browser sends it, otherwise by comparing {@code Origin} with the
 * request's own scheme, host and port. A request with neither header does not come from a
 * browser page (the consent cookie is also {@code SameSite=Lax}, so a cross-site form post would
 * carry no choices).
 */
final class CrossSiteCheck {

    private CrossSiteCheck() {
    }

    public static void requireSameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String value = site.trim().toLowerCase(Locale.ROOT);
            if (!value.equals("same-origin") && !value.equals("none")) {
                throw refused("Sec-Fetch-Site is " + printable(site));
            }
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        if (!sameOrigin(origin.trim(), request)) {
            throw refused("Origin " + printable(origin) + " is not this site");
        }
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Problem refused(String why) {
        return new Problem(403, "Cross-site request refused",
                why + "; consent can only be changed from this site's own pages");
    }

    private static String printable(String value) {
        String clipped = value.length() > 80 ? value.substring(0, 80) : value;
        return "'" + clipped.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
