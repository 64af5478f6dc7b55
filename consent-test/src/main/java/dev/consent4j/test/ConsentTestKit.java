package dev.consent4j.test;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.ConsentCookieSettings;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.test.check.Judge;
import dev.consent4j.test.check.KitConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The shop's policy, settings and signing key, as its tests see them, and the {@link Visitor}s made
 * from them: a first-time visitor, one after "reject all" or "accept all", one whose browser sends
 * GPC. Each visitor's state is folded by the library's own {@link StateFolder}.
 *
 * <pre>{@code
 * ConsentTestKit kit = ConsentTestKit.builder(policy).signingKey(key).build();
 * Visitor visitor = kit.afterRejectAll(Jurisdiction.EU);
 * }</pre>
 *
 * {@link #fromConfiguration()} reads the same from system properties or {@code consent-test.properties}.
 */
public final class ConsentTestKit {

    private final Policy policy;
    private final ConsentSettings settings;
    private final @Nullable SigningKeys keys;
    private final ConsentCookieSettings cookieSettings;
    private final @Nullable String countryHeader;
    private final @Nullable String regionHeader;
    private final Set<String> firstPartyHosts;
    private final Clock clock;
    private final StateFolder folder;
    private final @Nullable ConsentCookieCodec codec;
    private final Judge judge;

    private ConsentTestKit(Builder builder) {
        this.policy = builder.policy;
        this.settings = builder.settings;
        this.keys = builder.keys;
        this.cookieSettings = builder.cookieSettings;
        this.countryHeader = builder.countryHeader;
        this.regionHeader = builder.regionHeader;
        this.firstPartyHosts = Set.copyOf(builder.firstPartyHosts);
        this.clock = builder.clock;
        this.folder = new StateFolder(policy, settings);
        this.codec = keys == null ? null : new ConsentCookieCodec(keys, ConsentCookieCodec.MAX_BROWSER_LIFETIME);
        this.judge = new Judge(policy);
    }

    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    /**
     * The kit described by system properties, or else by the classpath resource
     * {@code consent-test.properties}: {@code consent4j.test.policy} (a classpath resource, or a
     * file with a {@code file:} prefix; {@code consent-policy.yaml} by default),
     * {@code consent4j.test.key} (the shop's signing key, Base64), {@code consent4j.test.key-id},
     * {@code consent4j.test.cookie-name}, {@code consent4j.test.jurisdiction-header}
     * ({@code CF-IPCountry}, or a country and a region header joined by {@code :}),
     * {@code consent4j.test.default-jurisdiction}, {@code consent4j.test.gpc-honoured-in} and
     * {@code consent4j.test.first-party-hosts} (comma-separated).
     *
     * @throws IllegalStateException naming the property and the problem when one is wrong
     */
    public static ConsentTestKit fromConfiguration() {
        return KitConfiguration.load(Thread.currentThread().getContextClassLoader()).apply(ConsentTestKit::builder);
    }

    public Policy policy() {
        return policy;
    }

    public ConsentSettings settings() {
        return settings;
    }

    public ConsentCookieSettings cookieSettings() {
        return cookieSettings;
    }

    /** Hosts that are the shop's own besides the one a response came from (a CDN, a second domain). */
    public Set<String> firstPartyHosts() {
        return firstPartyHosts;
    }

    /** The comparisons with the policy that assertions and the scanner make. */
    public Judge judge() {
        return judge;
    }

    /** A visitor with no consent cookie, in {@code jurisdiction}. */
    public Visitor firstVisit(Jurisdiction jurisdiction) {
        return visitor("a first-time visitor in " + jurisdiction.code(), jurisdiction, false, Map.of());
    }

    /** A first-time visitor whose browser sends {@code Sec-GPC: 1}, e.g. in {@code US-CA}. */
    public Visitor withGpc(Jurisdiction jurisdiction) {
        return visitor("a first-time visitor in " + jurisdiction.code() + " with GPC", jurisdiction, true, Map.of());
    }

    /** A visitor who pressed "reject all": a signed cookie denying every topic the banner asks about. */
    public Visitor afterRejectAll(Jurisdiction jurisdiction) {
        return visitor("a visitor in " + jurisdiction.code() + " after reject all", jurisdiction, false,
                bannerChoices(jurisdiction, Action.DENY));
    }

    /** A visitor who pressed "accept all": a signed cookie granting every topic the banner asks about. */
    public Visitor afterAcceptAll(Jurisdiction jurisdiction) {
        return visitor("a visitor in " + jurisdiction.code() + " after accept all", jurisdiction, false,
                bannerChoices(jurisdiction, Action.GRANT));
    }

    /** A visitor with exactly these choices in their cookie (categories and purposes, no channels). */
    public Visitor withChoices(Jurisdiction jurisdiction, boolean gpc, Map<Topic, Action> choices) {
        String said = choices.entrySet().stream().map(e -> e.getValue().name().toLowerCase(Locale.ROOT) + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return visitor("a visitor in " + jurisdiction.code() + (gpc ? " with GPC" : "") + " who chose " + said,
                jurisdiction, gpc, choices);
    }

    /**
     * The state of a visitor after pressing one of the banner's buttons ({@code null}: none yet),
     * folded without signing a cookie: what the scanner judges a pass by.
     */
    ConsentState bannerState(Jurisdiction jurisdiction, boolean gpc, @Nullable Action pressed) {
        Map<Topic, Action> choices = pressed == null ? Map.of() : bannerChoices(jurisdiction, pressed);
        Instant now = clock.instant();
        List<dev.consent4j.state.Choice> folded = choices.isEmpty() ? List.of()
                : ConsentCookie.of(SubjectId.UNDECIDED_VISITOR, policy.version(), now, choices, false).asChoices();
        return folder.fold(SubjectId.UNDECIDED_VISITOR, folded, Signals.of(jurisdiction).withGpc(gpc), now);
    }

    /** How long a grant lasts: the settings' maximum age, or the policy's consent validity. */
    java.time.Period consentValidity() {
        return settings.maxAge() != null ? settings.maxAge() : policy.consentValidity();
    }

    /** The topics the banner's "accept all" and "reject all" choose, as the endpoint chooses them. */
    private Map<Topic, Action> bannerChoices(Jurisdiction jurisdiction, Action action) {
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (Topic topic : folder.bannerTopics(jurisdiction)) {
            choices.put(topic, action);
        }
        return choices;
    }

    private Visitor visitor(String description, Jurisdiction jurisdiction, boolean gpc, Map<Topic, Action> choices) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Instant now = clock.instant();
        Signals signals = Signals.of(jurisdiction).withGpc(gpc);
        if (choices.isEmpty()) {
            return new Visitor(description, jurisdiction, gpc, null, null,
                    folder.fold(SubjectId.UNDECIDED_VISITOR, List.of(), signals, now), this);
        }
        if (codec == null) {
            throw new IllegalStateException("a visitor with choices carries a consent cookie signed with the shop's key; "
                    + "give the kit the key (builder signingKey(...), or the property " + KitConfiguration.KEY + ")");
        }
        SubjectId id = SubjectId.newVisitor();
        ConsentCookie cookie = ConsentCookie.of(id, policy.version(), now, choices, false);
        return new Visitor(description, jurisdiction, gpc, cookie, codec.encode(cookie),
                folder.fold(id, cookie.asChoices(), signals, now), this);
    }

    Map<String, String> jurisdictionHeaders(Jurisdiction jurisdiction) {
        if (countryHeader == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(countryHeader, jurisdiction.country());
        if (regionHeader != null && !jurisdiction.country().equals(jurisdiction.code())) {
            headers.put(regionHeader, jurisdiction.code().substring(jurisdiction.country().length() + 1));
        }
        return headers;
    }

    /** Builds a {@link ConsentTestKit}; only the policy is required (and the key for visitors with choices). */
    public static final class Builder {
        private final Policy policy;
        private ConsentSettings settings = ConsentSettings.defaults();
        private @Nullable SigningKeys keys;
        private ConsentCookieSettings cookieSettings = ConsentCookieSettings.defaults();
        private @Nullable String countryHeader;
        private @Nullable String regionHeader;
        private Set<String> firstPartyHosts = Set.of();
        private Clock clock = Clock.systemUTC();

        private Builder(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** The shop's settings (GPC jurisdictions, maximum age); the library's defaults unless given. */
        public Builder settings(ConsentSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The key the shop's filter signs consent cookies with (the newest, if it has several). */
        public Builder signingKey(SigningKey key) {
            this.keys = SigningKeys.of(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** The consent cookie's name and security, when the shop changed them. */
        public Builder cookie(ConsentCookieSettings settings) {
            this.cookieSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The header(s) the shop's {@code JurisdictionResolver} reads, e.g. {@code CF-IPCountry} and
         * {@code null}, so that visitors say where they are. Without it visitors send none: a shop
         * with a fixed jurisdiction judges every request by that one.
         */
        public Builder jurisdictionHeaders(String countryHeader, @Nullable String regionHeader) {
            this.countryHeader = Objects.requireNonNull(countryHeader, "countryHeader");
            this.regionHeader = regionHeader;
            return this;
        }

        /** The shop's own hosts besides the one a page is served from; never judged as third parties. */
        public Builder firstPartyHosts(Set<String> hosts) {
            this.firstPartyHosts = Set.copyOf(hosts);
            return this;
        }

        /** When visitors choose; the system clock unless given. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ConsentTestKit build() {
            return new ConsentTestKit(this);
        }
    }
}
