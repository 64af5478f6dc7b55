package dev.consent4j.provision;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.internal.Arguments;
import dev.consent4j.internal.match.Closest;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.ProvisionGround;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.state.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Asked before the shop sends personal data, or personally referable information such as cookie
 * ids, to a recipient the policy declares; writes the provision ledger APPI art. 29 asks for.
 *
 * <pre>{@code
 * ProvisionGate gate = ProvisionGate.builder(consents, ledgerStore).build();
 * ProvisionGate.Provision upload = gate.provide(customers, "sky-ads", List.of("email"), Jurisdiction.JP,
 *         ProvisionGate.RecordMode.BULK);
 * adNetwork.upload(upload.allowed()); // only these; the ledger already holds the record
 * }</pre>
 *
 * <p>The answer follows the recipient's relation: processors (委託), joint users (共同利用) and
 * successors (事業承継) need no consent and get no record (a successor whose succession is planned gets
 * nothing before its {@code succession-start-date}: {@link ProvisionReason#SUCCESSION_NOT_STARTED}); a third party for which the policy
 * declares a ground of APPI art. 27(1) on one of its purposes needs none either (and gets no
 * record); any other third party needs a current grant of one of its purposes, or
 * the opt-out route the policy declares for it (not for recipients abroad, for which art. 28 asks
 * for consent and the country information). Every allowed provision to a third party is recorded
 * before {@link #provide} returns.
 */
public final class ProvisionGate {

    /** How the provisions of one {@link #provide} call are written to the ledger. */
    public enum RecordMode {
        /** One record per person. */
        EACH,
        /** One record for everyone in the call (a bulk or continuous provision). */
        BULK
    }

    /**
     * What {@link #provide} decided and wrote.
     *
     * @param allowed  the people whose data may be sent, in the order given
     * @param refused  the others, with the reason
     * @param records  the ledger records written (none for processors and joint users)
     */
    public record Provision(List<SubjectId> allowed, Map<SubjectId, ProvisionDecision> refused,
            List<ProvisionRecord> records) {
        public Provision {
            allowed = List.copyOf(allowed);
            refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
            records = List.copyOf(records);
        }
    }

    private final ConsentManager consents;
    private final Policy policy;
    private final ProvisionStore store;
    private final Clock clock;
    private final Period retention;

    private ProvisionGate(Builder builder) {
        this.consents = builder.consents;
        this.policy = consents.policy();
        this.store = builder.store;
        this.clock = builder.clock != null ? builder.clock : consents.clock();
        this.retention = builder.retention;
    }

    public static Builder builder(ConsentManager consents, ProvisionStore store) {
        return new Builder(consents, store);
    }

    public ProvisionStore store() {
        return store;
    }

    public Period retention() {
        return retention;
    }

    /** Whether data about {@code subject} may go to the recipient. */
    public ProvisionDecision decide(SubjectId subject, String recipientId, Jurisdiction jurisdiction) {
        return Objects.requireNonNull(decide(List.of(subject), recipientId, jurisdiction).get(subject));
    }

    /** The bulk form: one store query per purpose of the recipient, whatever the audience's size. */
    public Map<SubjectId, ProvisionDecision> decide(Collection<SubjectId> subjects, String recipientId,
            Jurisdiction jurisdiction) {
        Recipient recipient = recipient(recipientId);
        Map<SubjectId, ProvisionDecision> decisions = new LinkedHashMap<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!recipient.successionStarted(today)) {
            for (SubjectId subject : subjects) {
                decisions.put(subject, new ProvisionDecision(subject, recipientId, ProvisionReason.SUCCESSION_NOT_STARTED,
                        null, null));
            }
            return decisions;
        }
        ProvisionReason fixed = switch (recipient.relation()) {
            case PROCESSOR -> ProvisionReason.ENTRUSTED;
            case JOINT_USER -> ProvisionReason.JOINT_USE;
            case SUCCESSOR -> ProvisionReason.BUSINESS_SUCCESSION;
            case THIRD_PARTY -> recipient.purposes().isEmpty() ? ProvisionReason.NO_PURPOSE
                    : recipient.foreign() && recipient.foreignTransfer() == null ? ProvisionReason.FOREIGN_INFO_MISSING : null;
        };
        LegalGround ground = switch (recipient.relation()) {
            case PROCESSOR -> LegalGround.ENTRUSTMENT;
            case JOINT_USER -> LegalGround.JOINT_USE;
            case SUCCESSOR -> LegalGround.BUSINESS_SUCCESSION;
            case THIRD_PARTY -> null;
        };
        String groundPurpose = null;
        if (fixed == null) {
            // A declared art. 27(1) ground needs no consent, so no choice of the person's is read.
            for (String purpose : recipient.purposes()) {
                ProvisionGround declared = recipient.groundFor(purpose);
                if (declared != null && declared.ground().relation() == null) {
                    fixed = ProvisionReason.LEGAL_GROUND;
                    ground = declared.ground();
                    groundPurpose = purpose;
                    break;
                }
            }
        }
        boolean throughPurposes = recipient.relation() != Relation.THIRD_PARTY && !recipient.purposes().isEmpty();
        if (fixed != null && !throughPurposes) {
            for (SubjectId subject : subjects) {
                decisions.put(subject, new ProvisionDecision(subject, recipientId, fixed, groundPurpose, null,
                        fixed.allowed() ? ground : null));
            }
            return decisions;
        }
        Map<String, Map<SubjectId, Decision>> byPurpose = new LinkedHashMap<>();
        for (String purpose : recipient.purposes()) {
            byPurpose.put(purpose, consents.decisions(subjects, purpose, null, jurisdiction));
        }
        if (throughPurposes && fixed != null) {
            for (SubjectId subject : subjects) {
                decisions.put(subject, PurposeProvisions.throughPurposes(subject, recipient, byPurpose, fixed, ground));
            }
            return decisions;
        }
        for (SubjectId subject : subjects) {
            decisions.put(subject, PurposeProvisions.thirdParty(subject, recipient, byPurpose, today));
        }
        return decisions;
    }

    /** {@link #provide(Collection, String, List, Jurisdiction, RecordMode)} for one person. */
    public Provision provide(SubjectId subject, String recipientId, List<String> dataItems, Jurisdiction jurisdiction) {
        return provide(List.of(subject), recipientId, dataItems, jurisdiction, RecordMode.EACH);
    }

    /**
     * Decides for everyone in {@code subjects} and writes the ledger for those who may be given to
     * a third party, before answering. Send data only about {@link Provision#allowed()}.
     *
     * @param dataItems the items to be given; each must be one the policy says this recipient receives
     */
    public Provision provide(Collection<SubjectId> subjects, String recipientId, List<String> dataItems,
            Jurisdiction jurisdiction, RecordMode mode) {
        requireItems(recipient(recipientId), dataItems);
        Instant now = clock.instant();
        return write(decide(subjects, recipientId, jurisdiction), recipientId, dataItems, mode, now, now);
    }

    /**
     * Records a continuous provision that ran from {@code first} to {@code last} as one bulk record
     * (APPI rule 19(2)), for the people whose provision is allowed now; the others are returned as refused.
     */
    public Provision provideContinuously(Collection<SubjectId> subjects, String recipientId, List<String> dataItems,
            Jurisdiction jurisdiction, Instant first, Instant last) {
        requireItems(recipient(recipientId), dataItems);
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last provision (" + last + ") cannot come before the first (" + first + ")");
        }
        return write(decide(subjects, recipientId, jurisdiction), recipientId, dataItems, RecordMode.BULK, first, last);
    }

    private Provision write(Map<SubjectId, ProvisionDecision> decisions, String recipientId, List<String> dataItems,
            RecordMode mode, Instant first, Instant last) {
        List<SubjectId> allowed = new ArrayList<>();
        Map<SubjectId, ProvisionDecision> refused = new LinkedHashMap<>();
        Map<ProvisionRecord.Ground, List<ProvisionRecord.Entry>> entries = new EnumMap<>(ProvisionRecord.Ground.class);
        for (ProvisionDecision decision : decisions.values()) {
            if (!decision.allowed()) {
                refused.put(decision.subject(), decision);
                continue;
            }
            allowed.add(decision.subject());
            if (decision.reason().needsRecord()) {
                ProvisionRecord.Ground ground = decision.reason() == ProvisionReason.CONSENTED
                        ? ProvisionRecord.Ground.CONSENT : ProvisionRecord.Ground.OPT_OUT;
                entries.computeIfAbsent(ground, g -> new ArrayList<>())
                        .add(new ProvisionRecord.Entry(decision.subject(), decision.basisEvent()));
            }
        }
        ProvisionRecord.Kind kind = dataItems.stream().allMatch(this::relatedInfo)
                ? ProvisionRecord.Kind.RELATED_INFO : ProvisionRecord.Kind.PERSONAL_DATA;
        List<ProvisionRecord> records = new ArrayList<>();
        entries.forEach((ground, list) -> {
            if (mode == RecordMode.BULK) {
                records.add(record(recipientId, kind, ground, list, dataItems, first, last));
            } else {
                list.forEach(entry -> records.add(record(recipientId, kind, ground, List.of(entry), dataItems, first, last)));
            }
        });
        records.forEach(store::append);
        return new Provision(allowed, refused, records);
    }

    /**
     * Takes in data received from a third party: refused, with nothing written, unless the
     * provider's name, address, representative (for a corporation) and how it obtained the data are given.
     */
    public ReceiptRecord receive(Provenance provenance, Collection<SubjectId> subjects, List<String> dataItems) {
        ProvenanceCheck.requireComplete(provenance);
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a receipt covers at least one person");
        }
        if (dataItems.isEmpty()) {
            throw new IllegalArgumentException("a receipt names the data items received");
        }
        for (String item : dataItems) {
            if (policy.dataItem(item).isEmpty()) {
                throw new IllegalArgumentException("the policy declares no data item '" + item + "'"
                        + Closest.hint(item, policy.dataItems().stream().map(DataItem::id).toList()));
            }
        }
        Instant now = clock.instant();
        ReceiptRecord record = new ReceiptRecord(UUID.randomUUID(), provenance, List.copyOf(new LinkedHashSet<>(subjects)),
                dataItems, now, keepUntil(now));
        store.append(record);
        return record;
    }

    /**
     * Takes in data received from a source the policy declares ({@code sources}): the provenance
     * is the declared provider's, in the policy's default language, and the items must be ones the
     * policy says the source gives.
     *
     * @throws IllegalArgumentException when the policy declares no such source, or the source
     *         does not give one of {@code dataItems}
     */
    public ReceiptRecord receive(String sourceId, Collection<SubjectId> subjects, List<String> dataItems) {
        DataSource source = policy.source(sourceId).orElseThrow(() -> new IllegalArgumentException(
                "the policy declares no data source '" + sourceId + "'"
                        + Closest.hint(sourceId, policy.sources().stream().map(DataSource::id).toList())));
        for (String item : dataItems) {
            if (!source.dataItems().contains(item)) {
                throw new IllegalArgumentException("the policy does not say that " + sourceId + " gives '" + item
                        + "'; it gives " + source.dataItems() + Closest.hint(item, source.dataItems()));
            }
        }
        String language = policy.defaultLanguage();
        Provenance provenance = new Provenance(source.provider().name().in(language, language),
                source.provider().address().in(language, language),
                source.provider().representative().in(language, language), source.corporation(),
                source.acquisition().in(language, language));
        return receive(provenance, subjects, dataItems);
    }

    /** Every provision record about {@code subject}, for a disclosure request (APPI art. 33(5)). */
    public List<ProvisionRecord> recordsAbout(SubjectId subject) {
        return store.provisionsAbout(subject);
    }

    /** Removes the records whose retention has run out; answers how many. */
    public int purgeExpired() {
        return store.purgeExpired(clock.instant());
    }

    private ProvisionRecord record(String recipient, ProvisionRecord.Kind kind, ProvisionRecord.Ground ground,
            List<ProvisionRecord.Entry> entries, List<String> dataItems, Instant first, Instant last) {
        return new ProvisionRecord(UUID.randomUUID(), recipient, kind, ground, entries, dataItems, first, last,
                keepUntil(last));
    }

    private Instant keepUntil(Instant last) {
        return last.atOffset(ZoneOffset.UTC).plus(retention).toInstant();
    }

    private Recipient recipient(String recipientId) {
        return policy.recipient(recipientId).orElseThrow(() -> new IllegalArgumentException(
                "the policy declares no recipient '" + recipientId + "'"
                        + Closest.hint(recipientId, policy.recipients().stream().map(Recipient::id).toList())));
    }

    private void requireItems(Recipient recipient, List<String> dataItems) {
        if (dataItems.isEmpty()) {
            throw new IllegalArgumentException("name the data items to be given to " + recipient.id());
        }
        Set<String> declared = Set.copyOf(recipient.dataItems());
        for (String item : dataItems) {
            if (!declared.contains(item)) {
                throw new IllegalArgumentException("the policy does not say that " + recipient.id() + " receives '"
                        + item + "'; it receives " + recipient.dataItems() + Closest.hint(item, recipient.dataItems()));
            }
        }
    }

    private boolean relatedInfo(String item) {
        return policy.dataItem(item).map(DataItem::relatedInfo).orElse(false);
    }

    /** Builds a {@link ProvisionGate}. */
    public static final class Builder {
        private final ConsentManager consents;
        private final ProvisionStore store;
        private @Nullable Clock clock;
        private Period retention = Period.ofYears(3);

        private Builder(ConsentManager consents, ProvisionStore store) {
            this.consents = Objects.requireNonNull(consents, "consents");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The clock for record dates; the consent manager's by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long records are kept after the last provision: 3 years by default (APPI rule 21). */
        public Builder retention(Period retention) {
            Arguments.positive("retention", retention);
            this.retention = retention;
            return this;
        }

        public ProvisionGate build() {
            return new ProvisionGate(this);
        }
    }
}
