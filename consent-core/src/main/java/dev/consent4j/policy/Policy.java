package dev.consent4j.policy;

import dev.consent4j.LogSafe;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shop's privacy policy as consent4j enforces it: one immutable version, with its purposes,
 * contact channels, cookie categories, recipients and trackers, and the history of what changed.
 *
 * <p>Load one with {@link dev.consent4j.policy.load.PolicyLoader}, or build one in code with
 * {@link #builder(String, String)}. Lookups by id and the cookie-name and host matchers are
 * compiled once, when the policy is built.
 */
public final class Policy {

    private final String id;
    private final String version;
    private final LocalDate effectiveDate;
    private final List<String> languages;
    private final Party operator;
    private final ValidityRule validity;
    private final Map<String, DataItem> dataItems;
    private final Map<String, Channel> channels;
    private final Map<String, Purpose> purposes;
    private final Map<String, CookieCategory> cookieCategories;
    private final Map<String, Recipient> recipients;
    private final Map<String, Tracker> trackers;
    private final List<Revision> history;
    private final List<MinorRule> minorRules;
    private final Map<String, DataSource> sources;
    private final @Nullable DataAbroad dataAbroad;
    private final BannerSettings banner;
    private final PolicyIndex index;

    private Policy(Builder b) {
        this.id = requireText(b.id, "id");
        this.version = requireText(b.version, "version");
        this.effectiveDate = Objects.requireNonNull(b.effectiveDate, "effectiveDate");
        if (b.languages.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one language");
        }
        this.languages = List.copyOf(b.languages);
        this.operator = Objects.requireNonNull(b.operator, "operator");
        this.validity = b.validity != null ? b.validity
                : ValidityRule.of(Validity.grants(Objects.requireNonNull(b.consentValidity, "consentValidity")));
        if (validity.byDefault().grants() == null) {
            throw new IllegalArgumentException("the policy's default validity needs a period for grants");
        }
        this.dataItems = PolicyIndex.byId(b.dataItems, DataItem::id, "data item");
        this.channels = PolicyIndex.byId(PolicyIndex.withBuiltIn(b.channels), Channel::id, "channel");
        this.purposes = PolicyIndex.byId(b.purposes, Purpose::id, "purpose");
        this.cookieCategories = PolicyIndex.byId(b.cookieCategories, CookieCategory::id, "cookie category");
        this.recipients = PolicyIndex.byId(b.recipients, Recipient::id, "recipient");
        this.trackers = PolicyIndex.byId(b.trackers, Tracker::id, "tracker");
        this.history = List.copyOf(b.history);
        this.minorRules = List.copyOf(b.minorRules);
        this.sources = PolicyIndex.byId(b.sources, DataSource::id, "data source");
        this.dataAbroad = b.dataAbroad;
        this.banner = Objects.requireNonNull(b.banner, "banner");
        this.index = new PolicyIndex(purposes, cookieCategories, trackers);
    }

    public static Builder builder(String id, String version) {
        return new Builder(id, version);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public LocalDate effectiveDate() {
        return effectiveDate;
    }

    /** The languages the policy's texts are given in; the first is the fallback. */
    public List<String> languages() {
        return languages;
    }

    /** The language used when a requested one is not provided. */
    public String defaultLanguage() {
        return languages.get(0);
    }

    /** The best language the policy provides for {@code requested} ({@code ja-JP} → {@code ja}). */
    public String language(@Nullable String requested) {
        return PolicyIndex.bestLanguage(languages, requested);
    }

    /** The shop: name, address and representative, and the contact for privacy matters. */
    public Party operator() {
        return operator;
    }

    /** How long a grant stays valid before the shopper is asked again, by default. */
    public Period consentValidity() {
        return Objects.requireNonNull(validity.byDefault().grants(), "checked when the policy was built");
    }

    /** The policy's validity of choices: grants, refusals, member-terms grants, per jurisdiction. */
    public ValidityRule validity() {
        return validity;
    }

    /** The validity of choices on a purpose (its own, if it declares one) or a cookie category. */
    public ValidityRule validityOf(String topicId) {
        Purpose purpose = purposes.get(topicId);
        return purpose != null && purpose.validity() != null ? purpose.validity() : validity;
    }

    public List<DataItem> dataItems() {
        return List.copyOf(dataItems.values());
    }

    public List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    public List<Purpose> purposes() {
        return List.copyOf(purposes.values());
    }

    public List<CookieCategory> cookieCategories() {
        return List.copyOf(cookieCategories.values());
    }

    public List<Recipient> recipients() {
        return List.copyOf(recipients.values());
    }

    public List<Tracker> trackers() {
        return List.copyOf(trackers.values());
    }

    /** Earlier versions and what each changed, oldest first; the last one may be this version. */
    public List<Revision> history() {
        return history;
    }

    public List<MinorRule> minorRules() {
        return minorRules;
    }

    /** Where the shop receives personal data from (APPI art. 30), in policy order. */
    public List<DataSource> sources() {
        return List.copyOf(sources.values());
    }

    public Optional<DataSource> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** The declaration of where data is handled outside Japan, if the policy makes one. */
    public Optional<DataAbroad> dataAbroad() {
        return Optional.ofNullable(dataAbroad);
    }

    /**
     * The revisions after {@code version}, oldest first: what changed since a choice made under
     * it. Every revision when the history does not list {@code version}; none for this version.
     */
    public List<Revision> revisionsAfter(String version) {
        return PolicyIndex.revisionsAfter(history, this.version, version);
    }

    /**
     * The version that removed {@code topicId} after {@code version} (the latest such removal),
     * or {@code null} when no revision after it removed the topic.
     */
    public @Nullable String removedSince(String version, String topicId) {
        return PolicyIndex.removedIn(revisionsAfter(version), topicId);
    }

    /** The banner's text overrides and its pause after an opt-out ({@code banner:} in the file). */
    public BannerSettings banner() {
        return banner;
    }

    public Optional<DataItem> dataItem(String id) {
        return Optional.ofNullable(dataItems.get(id));
    }

    public Optional<Channel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public Optional<Purpose> purpose(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    public Optional<CookieCategory> cookieCategory(String id) {
        return Optional.ofNullable(cookieCategories.get(id));
    }

    public Optional<Recipient> recipient(String id) {
        return Optional.ofNullable(recipients.get(id));
    }

    public Optional<Tracker> tracker(String id) {
        return Optional.ofNullable(trackers.get(id));
    }

    /**
     * The purposes carried out through a cookie category ({@link Purpose#cookieCategories()}), in
     * policy order; empty when none names it.
     */
    public List<Purpose> purposesThrough(String categoryId) {
        return index.purposesByCategory.getOrDefault(categoryId, List.of());
    }

    /** The trackers declared under a cookie category. */
    public List<Tracker> trackersIn(String categoryId) {
        return trackers.values().stream().filter(t -> t.category().equals(categoryId)).toList();
    }

    /** The category whose declaration covers the cookie {@code name}, if any. */
    public Optional<CookieCategory> categoryOfCookie(String name) {
        return Optional.ofNullable(index.cookieCategories.match(name));
    }

    /** The same as {@link #categoryOfCookie} without the {@code Optional}, for hot paths. */
    public @Nullable CookieCategory categoryOfCookieOrNull(String name) {
        return index.cookieCategories.match(name);
    }

    /**
     * The declaration that covers the cookie {@code name} (with the domains and path it is set
     * on), or {@code null} when no category declares it.
     */
    public @Nullable CookieDeclaration declarationOfCookieOrNull(String name) {
        return index.cookieDeclarations.match(name);
    }

    /** The tracker whose hosts cover {@code host}, if any. */
    public Optional<Tracker> trackerOfHost(String host) {
        return Optional.ofNullable(index.trackerHosts.match(host));
    }

    /**
     * Whether a choice about {@code topicId} made under {@code grantedUnder} is stale in this
     * version: some later revision changed that topic. A version this policy has no record of is
     * treated as stale for every topic, since nothing shows it was unchanged.
     */
    public boolean changedSince(String grantedUnder, String topicId) {
        return changedSince(grantedUnder, topicId, null);
    }

    /**
     * Whether a choice made under {@code grantedUnder} on {@code topicId} on {@code channel} (or on no
     * channel, when {@code null}) is stale: a revision since changed the purpose or category itself,
     * or this one channel of it ({@code catalogue:phone} in the history), not another channel.
     */
    public boolean changedSince(String grantedUnder, String topicId, @Nullable String channel) {
        return PolicyIndex.changedSince(history, version, grantedUnder, topicId, channel);
    }

    @Override
    public String toString() {
        return "Policy[" + id + " " + version + "]";
    }

    private static String requireText(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, but was " + LogSafe.quote(value));
        }
        return value;
    }

    /** Builds a {@link Policy}. Loading a file validates more than this does; see the loader. */
    public static final class Builder {
        private final String id;
        private final String version;
        private LocalDate effectiveDate = LocalDate.of(1970, 1, 1);
        private List<String> languages = List.of("ja", "en");
        private @Nullable Party operator;
        private Period consentValidity = Period.ofMonths(12);
        private @Nullable ValidityRule validity;
        private final List<DataItem> dataItems = new ArrayList<>();
        private final List<Channel> channels = new ArrayList<>();
        private final List<Purpose> purposes = new ArrayList<>();
        private final List<CookieCategory> cookieCategories = new ArrayList<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private final List<Tracker> trackers = new ArrayList<>();
        private final List<Revision> history = new ArrayList<>();
        private final List<MinorRule> minorRules = new ArrayList<>();
        private final List<DataSource> sources = new ArrayList<>();
        private @Nullable DataAbroad dataAbroad;
        private BannerSettings banner = BannerSettings.defaults();

        private Builder(String id, String version) {
            this.id = id;
            this.version = version;
        }

        public Builder effectiveDate(LocalDate effectiveDate) {
            this.effectiveDate = effectiveDate;
            return this;
        }

        public Builder languages(List<String> languages) {
            this.languages = List.copyOf(languages);
            return this;
        }

        public Builder operator(Party operator) {
            this.operator = operator;
            return this;
        }

        /** How long grants count; refusals and member-terms grants then never lapse. */
        public Builder consentValidity(Period consentValidity) {
            if (consentValidity == null || consentValidity.isNegative() || consentValidity.isZero()) {
                throw new IllegalArgumentException("consentValidity must be positive, but was " + consentValidity);
            }
            this.consentValidity = consentValidity;
            this.validity = null;
            return this;
        }

        /** The policy's validity of choices, with per-jurisdiction overrides; replaces {@link #consentValidity}. */
        public Builder validity(ValidityRule validity) {
            this.validity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        public Builder dataItem(DataItem dataItem) {
            dataItems.add(dataItem);
            return this;
        }

        public Builder channel(Channel channel) {
            channels.add(channel);
            return this;
        }

        public Builder purpose(Purpose purpose) {
            purposes.add(purpose);
            return this;
        }

        public Builder cookieCategory(CookieCategory category) {
            cookieCategories.add(category);
            return this;
        }

        public Builder recipient(Recipient recipient) {
            recipients.add(recipient);
            return this;
        }

        public Builder tracker(Tracker tracker) {
            trackers.add(tracker);
            return this;
        }

        public Builder revision(Revision revision) {
            history.add(revision);
            return this;
        }

        public Builder minorRule(MinorRule rule) {
            minorRules.add(rule);
            return this;
        }

        public Builder source(DataSource source) {
            sources.add(source);
            return this;
        }

        public Builder dataAbroad(@Nullable DataAbroad dataAbroad) {
            this.dataAbroad = dataAbroad;
            return this;
        }

        public Builder banner(BannerSettings banner) {
            this.banner = banner;
            return this;
        }

        public Policy build() {
            return new Policy(this);
        }
    }
}
