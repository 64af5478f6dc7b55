package dev.consent4j.store.jdbc;

import static dev.consent4j.store.jdbc.Columns.instant;
import static dev.consent4j.store.jdbc.Columns.items;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.provision.Provenance;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.RequestStep;
import dev.consent4j.request.RequestStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The provision ledger, receipts and personal requests in the same databases as the event store
 * (H2, PostgreSQL, MariaDB/MySQL), one schema file per database ({@code ledger-<database>.sql}).
 * Every write is one transaction, committed and on disk before the method returns (on H2 the
 * store sets {@code WRITE_DELAY 0} for that, as {@link JdbcConsentStore} does).
 *
 * <pre>{@code
 * JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource).build();
 * ledger.initializeSchema();
 * }</pre>
 */
public final class JdbcLedgerStore implements ProvisionStore, RequestStore {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;
    private final JdbcRequests requests;

    private JdbcLedgerStore(DataSource dataSource, JdbcDialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.requests = new JdbcRequests(dataSource, dialect, prefix);
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    /** The tables of this store that the database lacks: empty once the schema is in place. */
    public List<String> missingTables() {
        return Transactions.missingTables(dataSource, List.of(prefix + "provision", prefix + "provision_subject",
                prefix + "receipt", prefix + "receipt_subject", prefix + "request", prefix + "request_step",
                prefix + "notification"));
    }

    /** Creates the tables if they do not exist. */
    public void initializeSchema() {
        Transactions.runSchema(dataSource, dialect.ledgerSchemaResource(), prefix);
    }

    @Override
    public void append(ProvisionRecord record) {
        inWriteTransaction("store provision record " + record.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "provision (id, recipient,"
                    + " kind, ground, data_items, first_seconds, first_nanos, last_seconds, last_nanos, keep_until_seconds,"
                    + " keep_until_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, record.id().toString());
                insert.setString(2, record.recipient());
                insert.setString(3, record.kind().name());
                insert.setString(4, record.ground().name());
                insert.setString(5, String.join(",", record.dataItems()));
                instant(insert, 6, record.firstProvidedAt());
                instant(insert, 8, record.lastProvidedAt());
                instant(insert, 10, record.keepUntil());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix
                    + "provision_subject (provision_id, n, subject, basis_event) VALUES (?, ?, ?, ?)")) {
                int n = 0;
                for (ProvisionRecord.Entry entry : record.entries()) {
                    insert.setString(1, record.id().toString());
                    insert.setInt(2, n++);
                    insert.setString(3, entry.subject().toString());
                    insert.setString(4, entry.basisEvent() == null ? null : entry.basisEvent().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public void append(ReceiptRecord record) {
        inWriteTransaction("store receipt record " + record.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "receipt (id, provider_name,"
                    + " provider_address, representative, corporation, acquisition, data_items, received_seconds,"
                    + " received_nanos, keep_until_seconds, keep_until_nanos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Provenance provenance = record.provenance();
                insert.setString(1, record.id().toString());
                insert.setString(2, provenance.providerName());
                insert.setString(3, provenance.providerAddress());
                insert.setString(4, provenance.representative());
                insert.setBoolean(5, provenance.corporation());
                insert.setString(6, provenance.acquisition());
                insert.setString(7, String.join(",", record.dataItems()));
                instant(insert, 8, record.receivedAt());
                instant(insert, 10, record.keepUntil());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix
                    + "receipt_subject (receipt_id, n, subject) VALUES (?, ?, ?)")) {
                int n = 0;
                for (SubjectId subject : record.subjects()) {
                    insert.setString(1, record.id().toString());
                    insert.setInt(2, n++);
                    insert.setString(3, subject.toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public List<ProvisionRecord> provisionsAbout(SubjectId subject) {
        return provisions("p.id IN (SELECT provision_id FROM " + prefix + "provision_subject WHERE subject = ?)",
                subject.toString());
    }

    @Override
    public List<ProvisionRecord> provisionsTo(String recipient) {
        return provisions("p.recipient = ?", recipient);
    }

    private List<ProvisionRecord> provisions(String condition, String parameter) {
        return inTransaction("read provision records", connection -> {
            Map<String, List<ProvisionRecord.Entry>> entries = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT s.provision_id, s.subject, s.basis_event FROM "
                    + prefix + "provision_subject s JOIN " + prefix + "provision p ON p.id = s.provision_id WHERE "
                    + condition + " ORDER BY s.provision_id, s.n")) {
                query.setString(1, parameter);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String basis = rows.getString(3);
                        entries.computeIfAbsent(rows.getString(1).trim(), id -> new ArrayList<>()).add(new ProvisionRecord.Entry(
                                SubjectId.parse(rows.getString(2)), basis == null ? null : EventId.parse(basis.trim())));
                    }
                }
            }
            List<ProvisionRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT p.id, p.recipient, p.kind, p.ground, p.data_items,"
                    + " p.first_seconds, p.first_nanos, p.last_seconds, p.last_nanos, p.keep_until_seconds, p.keep_until_nanos"
                    + " FROM " + prefix + "provision p WHERE " + condition + " ORDER BY p.first_seconds, p.first_nanos, p.id")) {
                query.setString(1, parameter);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1).trim();
                        records.add(new ProvisionRecord(UUID.fromString(id), rows.getString(2),
                                ProvisionRecord.Kind.valueOf(rows.getString(3)), ProvisionRecord.Ground.valueOf(rows.getString(4)),
                                entries.getOrDefault(id, List.of()), items(rows.getString(5)), instant(rows, 6), instant(rows, 8),
                                instant(rows, 10)));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public List<ReceiptRecord> receiptsAbout(SubjectId subject) {
        return inTransaction("read receipt records", connection -> {
            List<ReceiptRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, provider_name, provider_address,"
                    + " representative, corporation, acquisition, data_items, received_seconds, received_nanos,"
                    + " keep_until_seconds, keep_until_nanos FROM " + prefix + "receipt WHERE id IN (SELECT receipt_id FROM "
                    + prefix + "receipt_subject WHERE subject = ?) ORDER BY received_seconds, received_nanos, id")) {
                query.setString(1, subject.toString());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String id = rows.getString(1).trim();
                        records.add(new ReceiptRecord(UUID.fromString(id), new Provenance(rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getBoolean(5), rows.getString(6)), List.of(),
                                items(rows.getString(7)), instant(rows, 8), instant(rows, 10)));
                    }
                }
            }
            List<ReceiptRecord> complete = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT subject FROM " + prefix
                    + "receipt_subject WHERE receipt_id = ? ORDER BY n")) {
                for (ReceiptRecord record : records) {
                    query.setString(1, record.id().toString());
                    List<SubjectId> subjects = new ArrayList<>();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            subjects.add(SubjectId.parse(rows.getString(1)));
                        }
                    }
                    complete.add(new ReceiptRecord(record.id(), record.provenance(), subjects, record.dataItems(),
                            record.receivedAt(), record.keepUntil()));
                }
            }
            return complete;
        });
    }

    @Override
    public void append(dev.consent4j.provision.NotificationRecord record) {
        inWriteTransaction("store the notification of " + record.recipient(), connection -> {
            // Once per recipient and message: a message delivered again is not a second notification.
            try (PreparedStatement known = connection.prepareStatement("SELECT 1 FROM " + prefix
                    + "notification WHERE recipient = ? AND message_key = ?")) {
                known.setString(1, record.recipient());
                known.setString(2, record.messageKey());
                try (ResultSet rows = known.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix + "notification (recipient,"
                    + " message_key, subject, topics, notified_seconds, notified_nanos) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, record.recipient());
                insert.setString(2, record.messageKey());
                insert.setString(3, record.subject().toString());
                insert.setString(4, String.join(" ", record.topics().stream().map(dev.consent4j.event.Topic::toString).toList()));
                insert.setLong(5, record.notifiedAt().getEpochSecond());
                insert.setInt(6, record.notifiedAt().getNano());
                insert.executeUpdate();
            }
        });
    }

    @Override
    public List<dev.consent4j.provision.NotificationRecord> notificationsAbout(SubjectId subject) {
        return inTransaction("read notifications", connection -> {
            List<dev.consent4j.provision.NotificationRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT recipient, message_key, topics, notified_seconds,"
                    + " notified_nanos FROM " + prefix + "notification WHERE subject = ? ORDER BY notified_seconds, notified_nanos,"
                    + " recipient")) {
                query.setString(1, subject.toString());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(new dev.consent4j.provision.NotificationRecord(rows.getString(1), subject, rows.getString(2).trim(),
                                java.util.Arrays.stream(rows.getString(3).split(" ")).map(dev.consent4j.event.Topic::parse).toList(),
                                instant(rows, 4)));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return inWriteTransaction("purge expired provision records", connection -> {
            String expired = " WHERE keep_until_seconds < ? OR (keep_until_seconds = ? AND keep_until_nanos < ?)";
            int removed = 0;
            try (PreparedStatement subjects = connection.prepareStatement("DELETE FROM " + prefix
                    + "provision_subject WHERE provision_id IN (SELECT id FROM " + prefix + "provision" + expired + ")");
                    PreparedStatement provisions = connection.prepareStatement("DELETE FROM " + prefix + "provision" + expired);
                    PreparedStatement receiptSubjects = connection.prepareStatement("DELETE FROM " + prefix
                            + "receipt_subject WHERE receipt_id IN (SELECT id FROM " + prefix + "receipt" + expired + ")");
                    PreparedStatement receipts = connection.prepareStatement("DELETE FROM " + prefix + "receipt" + expired)) {
                for (PreparedStatement statement : List.of(subjects, provisions, receiptSubjects, receipts)) {
                    statement.setLong(1, now.getEpochSecond());
                    statement.setLong(2, now.getEpochSecond());
                    statement.setInt(3, now.getNano());
                }
                subjects.executeUpdate();
                removed += provisions.executeUpdate();
                receiptSubjects.executeUpdate();
                removed += receipts.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public void create(PersonalRequest request) {
        requests.create(request);
    }

    @Override
    public void addStep(UUID requestId, RequestStep step) {
        requests.addStep(requestId, step);
    }

    @Override
    public Optional<PersonalRequest> find(UUID requestId) {
        return requests.find(requestId);
    }

    @Override
    public List<PersonalRequest> bySubject(SubjectId subject) {
        return requests.bySubject(subject);
    }

    @Override
    public List<PersonalRequest> open() {
        return requests.open();
    }

    private <T> T inTransaction(String what, Transactions.SqlWork<T> work) {
        return Transactions.inTransaction(dataSource, what, work);
    }

    private <T> T inWriteTransaction(String what, Transactions.SqlWork<T> work) {
        return Transactions.inWriteTransaction(dataSource, dialect, what, work);
    }

    private void inWriteTransaction(String what, Transactions.SqlAction work) {
        Transactions.inWriteTransaction(dataSource, dialect, what, work);
    }

    /** Builds a {@link JdbcLedgerStore}; the dialect is detected from the database unless given. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = "consent_";
        private @Nullable JdbcDialect dialect;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Prefix of every table name: lower-case letters, digits and '_', at most 21 characters. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Transactions.requireTablePrefix(tablePrefix);
            return this;
        }

        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        public JdbcLedgerStore build() {
            JdbcDialect detected = dialect != null ? dialect : JdbcDialect.of(dataSource);
            detected.requireDurableCommits(dataSource);
            return new JdbcLedgerStore(dataSource, detected, tablePrefix);
        }
    }
}
