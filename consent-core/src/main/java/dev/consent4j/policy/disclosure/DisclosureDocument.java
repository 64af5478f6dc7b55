package dev.consent4j.policy.disclosure;

import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.ProvisionGround;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public disclosure a policy yields, in one language: the external-transmission notice (one
 * entry per tracker: what is sent, to whom, why) and every recipient of personal data with its
 * relation, country, data items and purposes, and, where the policy declares them, the items Japan's
 * APPI asks to be announced for joint use, foreign transfers, an opt-out route and the grounds
 * for provision without consent; where the shop receives data from (with the items APPI art. 30
 * confirms); where data is handled abroad; and what changed between versions. Every text is
 * already resolved to the document's language, with ids replaced by their titles.
 *
 * <p>{@link DisclosureRenderer} turns it into HTML or Markdown.
 *
 * @param language   the policy language the texts are in
 * @param dataAbroad the policy's declaration of where data is handled abroad, or {@code null}
 * @param history    the versions whose changes the policy describes, oldest first
 */
public record DisclosureDocument(
        String policyId,
        String version,
        LocalDate effectiveDate,
        String language,
        PartyEntry operator,
        List<TrackerEntry> trackers,
        List<RecipientEntry> recipients,
        List<SourceEntry> sources,
        @Nullable DataAbroadEntry dataAbroad,
        List<RevisionEntry> history) {

    /** A country's name in {@code language}, e.g. {@code 日本} or {@code Japan}; the code where Java knows no name. */
    public static String country(String language, @Nullable String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String name = new Locale("", code).getDisplayCountry(Locale.forLanguageTag(language));
        return name.isEmpty() ? code : name;
    }

    public DisclosureDocument {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(operator, "operator");
        trackers = List.copyOf(trackers);
        recipients = List.copyOf(recipients);
        sources = List.copyOf(sources);
        history = List.copyOf(history);
    }

    /**
     * The disclosure of {@code policy} in {@code language}, or in the policy's best match for it
     * ({@link Policy#language(String)}); texts missing in that language fall back to the default one.
     */
    public static DisclosureDocument of(Policy policy, String language) {
        return new Texts(policy, policy.language(language)).document();
    }

    /** An organisation as the law asks it to be named; a part the policy does not give is {@code ""}. */
    public record PartyEntry(String name, String address, String representative, String contact) {

        public PartyEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(representative, "representative");
            Objects.requireNonNull(contact, "contact");
        }
    }

    /**
     * One tag or pixel: the unit of the external-transmission notice.
     *
     * @param recipient        the recipient's name
     * @param category         the title of the cookie category it belongs to
     * @param sitePurpose      why the shop uses it
     * @param recipientPurpose what the recipient uses the information for
     */
    public record TrackerEntry(String service, String recipient, String category, List<String> hosts,
            List<String> sentData, String sitePurpose, String recipientPurpose) {

        public TrackerEntry {
            hosts = List.copyOf(hosts);
            sentData = List.copyOf(sentData);
        }
    }

    /**
     * One recipient of personal data.
     *
     * @param countries       where it handles the data (ISO 3166-1 codes), at least one; {@link #country()} is the first
     * @param dataItems       titles of the data items it receives
     * @param purposes        titles of the purposes it receives them for
     * @param privacyNotice   its own privacy notice, or {@code null}
     * @param linksToPerson   whether it is expected to link the information to a person
     * @param jointUse        the joint-use announcement, or {@code null}
     * @param foreignTransfer what must be told about a transfer abroad, or {@code null}
     * @param optOutRoute     the filed opt-out route, or {@code null}
     * @param legalGrounds    the grounds it receives data on without consent
     * @param examples        for a recipient described by category, the names given as examples
     * @param andOthers       whether the category has members beyond the examples
     * @param successionStartDate for a successor whose succession is planned, the day it takes over; else {@code null}
     */
    public record RecipientEntry(String id, String name, Relation relation, List<String> countries, List<String> dataItems,
            List<String> purposes, @Nullable URI privacyNotice, boolean linksToPerson, @Nullable JointUseEntry jointUse,
            @Nullable ForeignTransferEntry foreignTransfer, @Nullable OptOutRouteEntry optOutRoute,
            List<GroundEntry> legalGrounds, List<String> examples, boolean andOthers,
            @Nullable LocalDate successionStartDate) {

        public RecipientEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(relation, "relation");
            countries = List.copyOf(countries);
            dataItems = List.copyOf(dataItems);
            purposes = List.copyOf(purposes);
            legalGrounds = List.copyOf(legalGrounds);
            examples = List.copyOf(examples);
        }

        /** The first of {@link #countries()}. */
        public String country() {
            return countries.get(0);
        }
    }

    /**
     * A ground for provision without consent.
     *
     * @param purposes    titles of the purposes it covers; empty when it covers every purpose of the recipient
     * @param description what the ground is in this case, or {@code ""}
     */
    public record GroundEntry(LegalGround ground, List<String> purposes, String description) {

        public GroundEntry {
            Objects.requireNonNull(ground, "ground");
            purposes = List.copyOf(purposes);
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * Someone the shop receives personal data from, with what APPI art. 30 confirms.
     *
     * @param acquisition how the provider obtained the data
     * @param dataItems   titles of the data items received
     * @param purposes    titles of the purposes they are used for
     */
    public record SourceEntry(String id, PartyEntry provider, String acquisition, List<String> dataItems,
            List<String> purposes) {

        public SourceEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(acquisition, "acquisition");
            dataItems = List.copyOf(dataItems);
            purposes = List.copyOf(purposes);
        }
    }

    /**
     * Where personal data is handled outside Japan.
     *
     * @param countries ISO 3166-1 codes; empty when data is not handled abroad
     * @param note      the measures taken there, or {@code ""}
     */
    public record DataAbroadEntry(List<String> countries, String note) {

        public DataAbroadEntry {
            countries = List.copyOf(countries);
            Objects.requireNonNull(note, "note");
        }
    }

    /** One version of the policy and what it added, changed and removed. */
    public record RevisionEntry(String version, @Nullable LocalDate effectiveDate, List<ChangeEntry> changes) {

        public RevisionEntry {
            Objects.requireNonNull(version, "version");
            changes = List.copyOf(changes);
        }
    }

    /**
     * One change: the topic's title (its id when the topic was removed), what happened and why.
     */
    public record ChangeEntry(String topic, Revision.Kind kind, String description) {

        public ChangeEntry {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(description, "description");
        }
    }

    /** What is announced before joint use: data items, joint users, their purposes, the responsible party. */
    public record JointUseEntry(List<String> dataItems, String jointUsers, String purposes, PartyEntry responsible) {

        public JointUseEntry {
            dataItems = List.copyOf(dataItems);
            Objects.requireNonNull(responsible, "responsible");
        }
    }

    /** The country's system for protecting personal information and the measures the recipient takes. */
    public record ForeignTransferEntry(String systemInfo, String recipientMeasures) {
    }

    /** The items of a filed opt-out route (APPI art. 27(2)). */
    public record OptOutRouteEntry(String acquisitionMethod, String provisionMethod, String requestMethod,
            String updateMethod, LocalDate startDate) {
    }

    /** Resolves a policy's texts and ids in one language. */
    private record Texts(Policy policy, String language) {

        DisclosureDocument document() {
            return new DisclosureDocument(policy.id(), policy.version(), policy.effectiveDate(), language,
                    party(policy.operator()), policy.trackers().stream().map(this::tracker).toList(),
                    policy.recipients().stream().map(this::recipient).toList(),
                    policy.sources().stream().map(this::source).toList(),
                    policy.dataAbroad().map(d -> new DataAbroadEntry(d.countries(), text(d.note()))).orElse(null),
                    policy.history().stream().filter(r -> !r.changes().isEmpty()).map(this::revision).toList());
        }

        private SourceEntry source(DataSource source) {
            return new SourceEntry(source.id(), party(source.provider()), text(source.acquisition()),
                    dataItems(source.dataItems()), purposes(source.purposes()));
        }

        private RevisionEntry revision(Revision revision) {
            return new RevisionEntry(revision.version(), revision.effectiveDate(), revision.changes().stream()
                    .map(change -> new ChangeEntry(topicTitle(change.topic()), change.kind(), text(change.description())))
                    .toList());
        }

        private String topicTitle(String id) {
            int colon = id.indexOf(':');
            if (colon > 0) {
                String channel = id.substring(colon + 1);
                String channelTitle = policy.channel(channel).map(c -> text(c.title())).orElse(channel);
                return Labels.of(language).part(topicTitle(id.substring(0, colon)), channelTitle);
            }
            return policy.purpose(id).map(Purpose::title).map(this::text)
                    .or(() -> policy.cookieCategory(id).map(c -> text(c.title()))).orElse(id);
        }

        private GroundEntry ground(ProvisionGround ground) {
            return new GroundEntry(ground.ground(), purposes(ground.purposes()), text(ground.description()));
        }

        private List<String> purposes(List<String> ids) {
            return ids.stream().map(id -> policy.purpose(id).map(Purpose::title).map(this::text).orElse(id)).toList();
        }

        private TrackerEntry tracker(Tracker tracker) {
            return new TrackerEntry(tracker.serviceName(),
                    policy.recipient(tracker.recipient()).map(r -> text(r.name())).orElse(tracker.recipient()),
                    policy.cookieCategory(tracker.category()).map(c -> text(c.title())).orElse(tracker.category()),
                    tracker.hosts(), tracker.sentData().stream().map(this::text).toList(),
                    text(tracker.sitePurpose()), text(tracker.recipientPurpose()));
        }

        private RecipientEntry recipient(Recipient recipient) {
            JointUseEntry jointUse = recipient.jointUse() == null ? null
                    : new JointUseEntry(dataItems(recipient.jointUse().dataItems()),
                            text(recipient.jointUse().jointUsers()), text(recipient.jointUse().purposes()),
                            party(recipient.jointUse().responsible()));
            ForeignTransferEntry foreign = recipient.foreignTransfer() == null ? null
                    : new ForeignTransferEntry(text(recipient.foreignTransfer().systemInfo()),
                            text(recipient.foreignTransfer().recipientMeasures()));
            OptOutRouteEntry optOut = recipient.optOutRoute() == null ? null
                    : new OptOutRouteEntry(text(recipient.optOutRoute().acquisitionMethod()),
                            text(recipient.optOutRoute().provisionMethod()),
                            text(recipient.optOutRoute().requestMethod()),
                            text(recipient.optOutRoute().updateMethod()), recipient.optOutRoute().startDate());
            return new RecipientEntry(recipient.id(), text(recipient.name()), recipient.relation(),
                    recipient.countries(), dataItems(recipient.dataItems()), purposes(recipient.purposes()),
                    recipient.privacyNotice(), recipient.linksToPerson(), jointUse, foreign, optOut,
                    recipient.grounds().stream().map(this::ground).toList(), recipient.examples(),
                    recipient.andOthers(), recipient.successionStartDate());
        }

        private List<String> dataItems(List<String> ids) {
            return ids.stream().map(id -> policy.dataItem(id).map(DataItem::title).map(this::text).orElse(id)).toList();
        }

        private PartyEntry party(Party party) {
            return new PartyEntry(text(party.name()), text(party.address()), text(party.representative()),
                    text(party.contact()));
        }

        private String text(LocalizedText text) {
            return text == null ? "" : text.in(language, policy.defaultLanguage());
        }
    }
}
