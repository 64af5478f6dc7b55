package dev.consent4j.policy;

import dev.consent4j.LogSafe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a shopper is, as an ISO 3166-1 country code ({@code JP}), an ISO 3166-2 subdivision
 * ({@code US-CA}) or a region consent4j knows ({@code EU}, which covers the EEA).
 *
 * <p>Policy rules are looked up from the most specific code to the least: {@code US-CA}, then
 * {@code US}; {@code DE}, then {@code EU}; and finally the rule's default.
 */
public record Jurisdiction(String code) {

    // Declared before the constants below, which are validated against it as they are built.
    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** Used when nothing is known about where the shopper is. */
    public static final Jurisdiction UNKNOWN = new Jurisdiction("ZZ");

    public static final Jurisdiction JP = new Jurisdiction("JP");
    public static final Jurisdiction EU = new Jurisdiction("EU");

    /** EU member states plus the EEA countries that apply the GDPR and ePrivacy rules. */
    private static final Set<String> EEA = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
            "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    private static final int MAX_CACHED_CHAINS = 1024;
    private static final Map<String, List<String>> CHAINS = new ConcurrentHashMap<>();

    public Jurisdiction {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "jurisdiction must be an ISO 3166 code such as JP, US-CA or EU, but was " + LogSafe.quote(code));
        }
    }

    /** Parses a code case-insensitively, e.g. {@code us-ca}. */
    public static Jurisdiction of(String code) {
        return new Jurisdiction(Objects.requireNonNull(code, "code").trim().toUpperCase(Locale.ROOT));
    }

    /** Whether {@code code} is a syntactically valid jurisdiction code. */
    public static boolean isValidCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** The country part: {@code US} for {@code US-CA}. */
    public String country() {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(0, dash);
    }

    /** The ISO 3166 codes of the EU member states and the EEA countries, for places that need a list. */
    public static Set<String> eeaCountries() {
        return EEA;
    }

    /** Whether the GDPR and ePrivacy rules apply. */
    public boolean inEea() {
        return code.equals("EU") || EEA.contains(country());
    }

    /** Codes to try, most specific first, e.g. {@code [US-CA, US]} or {@code [DE, EU]}. */
    public List<String> lookupChain() {
        List<String> chain = CHAINS.get(code);
        if (chain == null) {
            chain = buildLookupChain();
            // Codes are short and few in practice; the bound keeps forged CDN headers from growing it.
            if (CHAINS.size() < MAX_CACHED_CHAINS) {
                CHAINS.putIfAbsent(code, chain);
            }
        }
        return chain;
    }

    private List<String> buildLookupChain() {
        List<String> chain = new ArrayList<>(3);
        chain.add(code);
        String country = country();
        if (!country.equals(code)) {
            chain.add(country);
        }
        if (!code.equals("EU") && EEA.contains(country)) {
            chain.add("EU");
        }
        return List.copyOf(chain);
    }

    /**
     * Whether this jurisdiction falls under {@code other}: {@code US-CA} is within {@code US},
     * {@code FR} within {@code EU}, and every code within itself.
     */
    public boolean isWithin(String other) {
        return lookupChain().contains(other);
    }

    @Override
    public String toString() {
        return code;
    }
}
