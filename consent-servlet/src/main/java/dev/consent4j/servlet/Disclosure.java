package dev.consent4j.servlet;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.ProvisionGround;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Revision;
import dev.consent4j.policy.Tracker;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The public disclosure generated from the policy: the external-transmission notice (one entry
 * per tracker: what is sent, to whom, for what) and the recipients of personal data with their
 * relation, country and, for joint use and foreign transfers, the items the law asks for.
 */
final class Disclosure {

    private static final PageTemplate UNDECLARED_HOSTS = PageTemplate.load(PublicPages.class, "undeclared-hosts");
    private static final PageTemplate LIST_ITEM = PageTemplate.load(PublicPages.class, "list-item");

    private Disclosure() {
    }

    /** The body of {@code GET {base}/disclosure?format=json}. */
    record Json(String policyId, String version, String effectiveDate, String language, PartyJson operator,
            List<TrackerJson> trackers, List<RecipientJson> recipients, List<SourceJson> sources,
            @Nullable Abroad dataAbroad, List<Version> history) {
    }

    record PartyJson(@Nullable String name, @Nullable String address, @Nullable String representative,
            @Nullable String contact) {
    }

    record TrackerJson(String service, String recipient, String category, List<String> hosts, List<String> sentData,
            String sitePurpose, String recipientPurpose) {
    }

    /** A recipient; the fields after {@code privacyNotice} only where the policy gives them. */
    record RecipientJson(String id, String name, String relation, String country, List<String> countries,
            List<String> dataItems, List<String> purposes, @Nullable String privacyNotice,
            @JsonInclude(NON_NULL) @Nullable JointUse jointUse, @JsonInclude(NON_NULL) @Nullable List<String> examples,
            @JsonInclude(NON_NULL) @Nullable Boolean andOthers,
            @JsonInclude(NON_NULL) @Nullable List<Ground> legalGrounds,
            @JsonInclude(NON_NULL) @Nullable ForeignTransfer foreignTransfer,
            @JsonInclude(NON_NULL) @Nullable String successionStartDate) {
    }

    record JointUse(List<String> dataItems, String jointUsers, String purposes, PartyJson responsible) {
    }

    record Ground(String ground, List<String> purposes, @Nullable String description) {
    }

    record ForeignTransfer(String systemInfo, String recipientMeasures) {
    }

    record SourceJson(String id, PartyJson provider, String acquisition, List<String> dataItems, List<String> purposes) {
    }

    record Abroad(List<String> countries, @Nullable String note) {
    }

    /** A revision of the policy with its described changes. */
    record Version(String version, @Nullable String effectiveDate, List<Change> changes) {
    }

    /** One change: the topic id, the kind ({@code added}, {@code changed}, {@code removed}), its title and description. */
    record Change(String topic, String change, String title, @Nullable String description) {
    }

    public static Json json(Policy policy, String language) {
        String fallback = policy.defaultLanguage();
        List<TrackerJson> trackers = new ArrayList<>();
        for (Tracker tracker : policy.trackers()) {
            trackers.add(new TrackerJson(tracker.serviceName(),
                    policy.recipient(tracker.recipient()).map(r -> r.name().in(language, fallback)).orElse(tracker.recipient()),
                    policy.cookieCategory(tracker.category()).map(c -> c.title().in(language, fallback))
                            .orElse(tracker.category()),
                    tracker.hosts(), tracker.sentData().stream().map(s -> s.in(language, fallback)).toList(),
                    tracker.sitePurpose().in(language, fallback), tracker.recipientPurpose().in(language, fallback)));
        }
        List<RecipientJson> recipients = new ArrayList<>();
        for (Recipient recipient : policy.recipients()) {
            JointUse joint = recipient.jointUse() == null ? null : new JointUse(recipient.jointUse().dataItems(),
                    recipient.jointUse().jointUsers().in(language, fallback),
                    recipient.jointUse().purposes().in(language, fallback),
                    party(recipient.jointUse().responsible(), language, fallback));
            boolean examples = !recipient.examples().isEmpty() || recipient.andOthers();
            List<Ground> grounds = null;
            if (!recipient.grounds().isEmpty()) {
                grounds = new ArrayList<>();
                for (ProvisionGround ground : recipient.grounds()) {
                    grounds.add(new Ground(ground.ground().id(), titles(policy, ground.purposes(), language, fallback),
                            text(ground.description(), language, fallback)));
                }
            }
            ForeignTransfer foreign = recipient.foreignTransfer() == null ? null : new ForeignTransfer(
                    recipient.foreignTransfer().systemInfo().in(language, fallback),
                    recipient.foreignTransfer().recipientMeasures().in(language, fallback));
            recipients.add(new RecipientJson(recipient.id(), recipient.name().in(language, fallback),
                    recipient.relation().id(), recipient.country(), recipient.countries(),
                    itemTitles(policy, recipient.dataItems(), language, fallback),
                    titles(policy, recipient.purposes(), language, fallback),
                    recipient.privacyNotice() == null ? null : recipient.privacyNotice().toString(), joint,
                    examples ? recipient.examples() : null, examples ? recipient.andOthers() : null, grounds, foreign,
                    recipient.successionStartDate() == null ? null : recipient.successionStartDate().toString()));
        }
        List<SourceJson> sources = new ArrayList<>();
        for (DataSource source : policy.sources()) {
            sources.add(new SourceJson(source.id(), party(source.provider(), language, fallback),
                    source.acquisition().in(language, fallback), itemTitles(policy, source.dataItems(), language, fallback),
                    titles(policy, source.purposes(), language, fallback)));
        }
        Abroad abroad = policy.dataAbroad().map(a -> new Abroad(a.countries(), text(a.note(), language, fallback)))
                .orElse(null);
        return new Json(policy.id(), policy.version(), policy.effectiveDate().toString(), language,
                party(policy.operator(), language, fallback), trackers, recipients, sources, abroad,
                history(policy, policy.history(), language));
    }

    /**
     * The revisions' changes, oldest first, in {@code language}: each change's topic id, kind
     * ({@code added}, {@code changed}, {@code removed}), title (the id for a removed topic) and
     * description. Revisions that describe no change are left out.
     */
    public static List<Version> history(Policy policy, List<Revision> revisions, String language) {
        String fallback = policy.defaultLanguage();
        List<Version> history = new ArrayList<>();
        for (Revision revision : revisions) {
            if (revision.changes().isEmpty()) {
                continue;
            }
            List<Change> changes = new ArrayList<>();
            for (Revision.Change change : revision.changes()) {
                changes.add(new Change(change.topic(), change.kind().id(), changeTitle(policy, change.topic(), language),
                        text(change.description(), language, fallback)));
            }
            history.add(new Version(revision.version(),
                    revision.effectiveDate() == null ? null : revision.effectiveDate().toString(), changes));
        }
        return history;
    }

    /**
     * A changed topic in words: the purpose's or category's title, with the channel's for a
     * {@code purpose:channel} change, e.g. 「カタログ（電話）」; the id itself for a removed topic.
     */
    private static String changeTitle(Policy policy, String topic, String language) {
        String fallback = policy.defaultLanguage();
        int colon = topic.indexOf(':');
        String id = colon < 0 ? topic : topic.substring(0, colon);
        String title = policy.purpose(id).map(p -> p.title().in(language, fallback))
                .or(() -> policy.cookieCategory(id).map(k -> k.title().in(language, fallback)))
                .orElse(id);
        if (colon < 0) {
            return title;
        }
        String channel = topic.substring(colon + 1);
        return UiTexts.paren(language, title, policy.channel(channel).map(c -> c.title().in(language, fallback)).orElse(channel));
    }

    private static List<String> itemTitles(Policy policy, List<String> items, String language, String fallback) {
        return items.stream()
                .map(id -> policy.dataItem(id).map(DataItem::title).map(t -> t.in(language, fallback)).orElse(id)).toList();
    }

    private static List<String> titles(Policy policy, List<String> purposes, String language, String fallback) {
        return purposes.stream()
                .map(id -> policy.purpose(id).map(Purpose::title).map(t -> t.in(language, fallback)).orElse(id)).toList();
    }

    private static PartyJson party(Party party, String language, String fallback) {
        return new PartyJson(text(party.name(), language, fallback), text(party.address(), language, fallback),
                text(party.representative(), language, fallback), text(party.contact(), language, fallback));
    }

    private static @Nullable String text(@Nullable LocalizedText text, String language, String fallback) {
        return text == null || text.isEmpty() ? null : text.in(language, fallback);
    }

    /** The operator-only list of hosts CSP reports named that the policy does not declare, as an HTML section. */
    public static String undeclaredHostsHtml(Map<String, Long> undeclaredHosts, String language) {
        StringBuilder hosts = new StringBuilder(128);
        undeclaredHosts.forEach((host, count) -> hosts.append(LIST_ITEM.render("host",
                UiTexts.paren(language, host, count.toString()))).append('\n'));
        return UNDECLARED_HOSTS.render(Map.of("heading", UiTexts.operatorText(language, "undeclared-hosts"),
                "hosts", hosts.toString())) + "\n";
    }

    static String escape(@Nullable Object value) {
        return value == null ? "" : DisclosureRenderer.escapeHtml(value.toString());
    }
}
