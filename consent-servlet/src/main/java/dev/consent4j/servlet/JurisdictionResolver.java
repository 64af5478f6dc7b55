package dev.consent4j.servlet;

import dev.consent4j.policy.Jurisdiction;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;

/** Where the shopper is, which decides the legal basis of each topic and whether GPC applies. */
@FunctionalInterface
public interface JurisdictionResolver {

    Jurisdiction resolve(HttpServletRequest request);

    /** Every request is in {@code jurisdiction}: for a shop that serves one country. */
    static JurisdictionResolver fixed(Jurisdiction jurisdiction) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        return request -> jurisdiction;
    }

    /**
     * The country (and region, where given) from the headers common CDNs add: Cloudflare
     * ({@code CF-IPCountry}), Amazon CloudFront ({@code CloudFront-Viewer-Country} and
     * {@code -Region}) and Vercel ({@code X-Vercel-IP-Country} and {@code -Region}); otherwise
     * {@code fallback}. Use it only when every request passes through that CDN, which
     * overwrites the headers: a client can send them too.
     */
    static JurisdictionResolver cdnHeaders(Jurisdiction fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return request -> {
            String[][] sources = {
                {"CF-IPCountry", null},
                {"CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region"},
                {"X-Vercel-IP-Country", "X-Vercel-IP-Country-Region"},
            };
            for (String[] source : sources) {
                String country = request.getHeader(source[0]);
                if (country == null) {
                    continue;
                }
                country = country.trim().toUpperCase(Locale.ROOT);
                // Cloudflare sends XX for unknown and T1 for Tor.
                if (!country.matches("[A-Z]{2}") || country.equals("XX")) {
                    continue;
                }
                String region = source[1] == null ? null : request.getHeader(source[1]);
                if (region != null) {
                    String code = country + "-" + region.trim().toUpperCase(Locale.ROOT);
                    if (Jurisdiction.isValidCode(code)) {
                        return new Jurisdiction(code);
                    }
                }
                return new Jurisdiction(country);
            }
            return fallback;
        };
    }
}
