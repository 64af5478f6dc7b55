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
 * ({@code US-CA}) or a group consent4j knows: {@code EU}, which covers the EEA, and {@code UK},
 * which covers {@code GB} and its subdivisions (the UK GDPR and PECR).
 *
 * <p>Policy rules are looked up from the most specific code to the least: a subdivision, then its
 * country, then the group the country is in, and finally the rule's default. So {@code US-CA}
 * looks up {@code [US-CA, US]}, {@code DE} {@code [DE, EU]}, {@code GB-SCT} {@code [GB-SCT, GB, UK]}
 * and {@code CH} (revDSG) {@code [CH]}. There is deliberately no group of "US states with a
 * privacy law": which states have one changes every year, so a policy names each state it means
 * ({@code US-CA}, {@code US-CO}, …); {@link #usPrivacyLaw()} says which states consent4j knows.
 */
public record Jurisdiction(String code) {

    // Declared before the constants below, which are validated against it as they are built.
    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** Used when nothing is known about where the shopper is. */
    public static final Jurisdiction UNKNOWN = new Jurisdiction("ZZ");

    public static final Jurisdiction JP = new Jurisdiction("JP");
    public static final Jurisdiction EU = new Jurisdiction("EU");
    public static final Jurisdiction UK = new Jurisdiction("UK");
    public static final Jurisdiction CH = new Jurisdiction("CH");

    /** EU member states plus the EEA countries that apply the GDPR and ePrivacy rules. */
    private static final Set<String> EEA = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
            "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    /**
     * US states with a comprehensive consumer privacy law (a right to opt out of sale, sharing or
     * targeted advertising), by subdivision code, with the law's short name and whether the law
     * obliges a business to honour a universal opt-out signal such as GPC.
     */
    private static final Map<String, UsStateLaw> US_STATE_LAWS = Map.ofEntries(
            Map.entry("US-CA", new UsStateLaw("CCPA/CPRA", true)),
            Map.entry("US-CO", new UsStateLaw("CPA", true)),
            Map.entry("US-CT", new UsStateLaw("CTDPA", true)),
            Map.entry("US-VA", new UsStateLaw("VCDPA", false)),
            Map.entry("US-UT", new UsStateLaw("UCPA", false)),
            Map.entry("US-TX", new UsStateLaw("TDPSA", true)),
            Map.entry("US-OR", new UsStateLaw("OCPA", true)),
            Map.entry("US-MT", new UsStateLaw("MCDPA", true)),
            Map.entry("US-NJ", new UsStateLaw("NJDPA", true)));

    /**
     * A US state's consumer privacy law as consent4j knows it.
     *
     * @param name        the law's usual short name, e.g. {@code CCPA/CPRA}
     * @param gpcRequired whether the law obliges a business to honour a universal opt-out signal
     */
    public record UsStateLaw(String name, boolean gpcRequired) {
    }

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

    /** Whether the UK GDPR and PECR apply: {@code UK}, {@code GB} and its subdivisions. */
    public boolean inUk() {
        return code.equals("UK") || country().equals("GB");
    }

    /** The comprehensive privacy law of this US state, if consent4j knows one; empty elsewhere. */
    public java.util.Optional<UsStateLaw> usPrivacyLaw() {
        return java.util.Optional.ofNullable(US_STATE_LAWS.get(code));
    }

    /** The subdivision codes of the US states whose law {@link #usPrivacyLaw()} knows, e.g. {@code US-CA}. */
    public static Set<String> usStatesWithPrivacyLaws() {
        return US_STATE_LAWS.keySet();
    }

    /** Whether the GDPR and ePrivacy rules apply. */
    public boolean inEea() {
        return code.equals("EU") || EEA.contains(country());
    }

    /** Codes to try, most specific first, e.g. {@code [US-CA, US]}, {@code [DE, EU]} or {@code [GB, UK]}. */
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
        if (country.equals("GB")) {
            chain.add("UK");
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
