package dev.consent4j.servlet;

import dev.consent4j.policy.Jurisdiction;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the shopper is, which decides the legal basis of each topic and whether GPC applies.
 *
 * <p>The header-based resolvers each read the headers of <em>one</em> named CDN. Use the one for
 * the CDN every request passes through: that CDN overwrites its own headers, but a client can send
 * any other CDN's, so trusting several at once lets a client choose its jurisdiction.
 */
@FunctionalInterface
public interface JurisdictionResolver {

    Jurisdiction resolve(HttpServletRequest request);

    /** Every request is in {@code jurisdiction}: for a shop that serves one country. */
    static JurisdictionResolver fixed(Jurisdiction jurisdiction) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        return request -> jurisdiction;
    }

    /** Cloudflare's {@code CF-IPCountry} (country only); otherwise {@code fallback}. */
    static JurisdictionResolver cloudflare(Jurisdiction fallback) {
        return header("CF-IPCountry", null, fallback);
    }

    /** Amazon CloudFront's {@code CloudFront-Viewer-Country} and {@code -Region}; otherwise {@code fallback}. */
    static JurisdictionResolver cloudfront(Jurisdiction fallback) {
        return header("CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region", fallback);
    }

    /** Vercel's {@code X-Vercel-IP-Country} and {@code -Region}; otherwise {@code fallback}. */
    static JurisdictionResolver vercel(Jurisdiction fallback) {
        return header("X-Vercel-IP-Country", "X-Vercel-IP-Country-Region", fallback);
    }

    /**
     * An ISO 3166 country code from {@code countryHeader} and, when {@code regionHeader} is given
     * and present, a subdivision code from it ({@code US} and {@code CA} give {@code US-CA});
     * otherwise, or when the country is unknown ({@code XX}, Tor's {@code T1}) or malformed,
     * {@code fallback}. For a CDN or proxy that sets headers of its own names, e.g. Fastly with the
     * header its configuration writes from {@code client.geo.country_code}.
     */
    static JurisdictionResolver header(String countryHeader, @Nullable String regionHeader, Jurisdiction fallback) {
        Objects.requireNonNull(countryHeader, "countryHeader");
        Objects.requireNonNull(fallback, "fallback");
        return request -> {
            String country = request.getHeader(countryHeader);
            if (country == null) {
                return fallback;
            }
            country = country.trim().toUpperCase(Locale.ROOT);
            if (!HeaderCodes.COUNTRY.matcher(country).matches() || country.equals("XX")) {
                return fallback;
            }
            String region = regionHeader == null ? null : request.getHeader(regionHeader);
            if (region != null) {
                String code = country + "-" + region.trim().toUpperCase(Locale.ROOT);
                if (Jurisdiction.isValidCode(code)) {
                    return new Jurisdiction(code);
                }
            }
            return new Jurisdiction(country);
        };
    }

    /**
     * The resolver a setting names: {@code fixed}, {@code cloudflare}, {@code cloudfront},
     * {@code vercel}, or {@code header:<country header>} with an optional
     * {@code :<region header>}; anything but {@code fixed} falls back to {@code fallback}.
     *
     * @throws IllegalArgumentException for any other setting, saying which are known
     */
    static JurisdictionResolver named(String setting, Jurisdiction fallback) {
        Objects.requireNonNull(setting, "setting");
        String trimmed = setting.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "fixed":
                return fixed(fallback);
            case "cloudflare":
                return cloudflare(fallback);
            case "cloudfront":
                return cloudfront(fallback);
            case "vercel":
                return vercel(fallback);
            default:
                break;
        }
        if (trimmed.regionMatches(true, 0, "header:", 0, 7)) {
            String[] names = trimmed.substring(7).split(":", -1);
            boolean valid = names.length <= 2;
            for (String name : names) {
                valid &= HeaderCodes.TOKEN.matcher(name).matches();
            }
            if (valid) {
                return header(names[0], names.length == 2 ? names[1] : null, fallback);
            }
        }
        throw new IllegalArgumentException("the jurisdiction is found from one of fixed, cloudflare, cloudfront, vercel"
                + " or header:<country header>[:<region header>], not '" + setting.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
