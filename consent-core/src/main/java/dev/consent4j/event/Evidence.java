package dev.consent4j.event;

import org.jspecify.annotations.Nullable;

/**
 * What shows how a choice was made: the version (or a hash) of the notice text shown, its
 * language, the user agent, and the network the request came from — never the raw IP address.
 *
 * @param noticeVersion the version or hash of the text the person saw; may be {@code null}
 * @param language      the language the notice was shown in; may be {@code null}
 * @param userAgent     the browser's user agent, cut to 256 characters; may be {@code null}
 * @param network       the client address with its host part removed ({@code 203.0.113.0/24},
 *                      {@code 2001:db8:1::/48}); see {@link #truncateIp}; may be {@code null}
 */
public record Evidence(@Nullable String noticeVersion, @Nullable String language, @Nullable String userAgent,
        @Nullable String network) {

    public static final Evidence NONE = new Evidence(null, null, null, null);

    static final int MAX_USER_AGENT = 256;

    public Evidence {
        noticeVersion = clip(noticeVersion, 128);
        language = clip(language, 35);
        userAgent = clip(userAgent, MAX_USER_AGENT);
        if (network != null && !network.isEmpty() && !network.contains("/")) {
            throw new IllegalArgumentException(
                    "network must be a truncated prefix such as 203.0.113.0/24, never a raw address; use Evidence.truncateIp");
        }
    }

    /** Evidence from a request, truncating {@code rawIp} before it is kept. */
    public static Evidence of(@Nullable String noticeVersion, @Nullable String language, @Nullable String userAgent,
            @Nullable String rawIp) {
        return new Evidence(noticeVersion, language, userAgent, truncateIp(rawIp));
    }

    /**
     * Removes the host part of an IP address: IPv4 keeps 24 bits, IPv6 keeps 48. Anything that is
     * not an IP literal gives {@code null}, so a malformed header is never stored.
     */
    public static @Nullable String truncateIp(@Nullable String rawIp) {
        if (rawIp == null) {
            return null;
        }
        String ip = rawIp.trim();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        byte[] bytes = IpLiteral.parse(ip);
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        return String.format("%x:%x:%x::/48",
                ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff),
                ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff),
                ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff));
    }

    private static @Nullable String clip(@Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && clean.length() < max; i++) {
            char c = value.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return clean.toString();
    }
}
