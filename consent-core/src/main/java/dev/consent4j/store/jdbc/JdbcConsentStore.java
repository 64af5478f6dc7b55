package dev.consent4j.store.jdbc;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventChain;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Seal;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxEntry;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.state.Choice;
import dev.consent4j.store.AudienceQueries;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.CustomerQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Keeps consent events in a relational database (H2, PostgreSQL, MariaDB/MySQL) over plain JDBC.
 *
 * <pre>{@code
 * JdbcConsentStore store = JdbcConsentStore.builder(dataSource).build();
 * store.initializeSchema(); // or run schema-<database>.sql from this package yourself
 * }</pre>
 *
 * <p>An append is one transaction: every event of the batch is committed, and on disk, before
 * {@link #append} returns, or none is. On H2 that takes {@code WRITE_DELAY 0}, which the store
 * sets itself (before the first write on each connection); it refuses to be built where it cannot,
 * saying what to change.
 *
 * <p>Each chain's head (its last position and hash) has a row of its own, which an append locks
 * and reads by primary key and moves in the same transaction as the events: appends to one chain
 * queue on that row (on H2 also on a lock of this JVM held until the commit has returned, so that
 * no append builds on one that a crash could still take away), and what an append costs depends on
 * neither the size of the event table nor the length of the chain. Each chain position is also
 * protected by a unique key: should a writer still find its position taken (a head row behind its
 * chain, e.g. written by consent4j 0.1), it brings the head up to the chain and tries again after a
 * short random pause. A latest-event table, written in the same transaction, answers
 * {@link #latestEvents} by key without reading chains.
 */
public final class JdbcConsentStore implements ConsentStore, AudienceQueries {

    /** Format of the stored rows; the hash chain's format is {@link EventChain#FORMAT}. */
    public static final int FORMAT = EventChain.FORMAT;

    private static final String COLUMNS = "id, subject, seq, topic, action, policy_version, time_seconds, time_nanos,"
            + " source, actor, operator_id, jurisdiction, notice_version, language, user_agent, network,"
            + " linked_visitor, supersedes, previous_hash, hash, format";

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;
    private final int maxAttempts;
    private final String notifyChannel;
    private final String insertEvent;
    private final String upsertLatest;
    private final String insertHead;
    private final String updateHead;
    private final String selectEvents;
    private final String selectEvent;
    private final String selectLastEvent;
    private final ChainStripes chainStripes;
    private final DecisionChanges changes;
    private final JdbcOutbox outbox;
    private final List<String> outboxTopics;

    private JdbcConsentStore(Builder builder, JdbcDialect dialect) {
        this.dataSource = builder.dataSource;
        this.dialect = dialect;
        this.prefix = builder.tablePrefix;
        this.maxAttempts = builder.maxAttempts;
        this.notifyChannel = builder.notifyChannel;
        this.insertEvent = "INSERT INTO " + prefix + "event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.upsertLatest = dialect.upsertLatest(prefix + "latest");
        this.insertHead = "INSERT INTO " + prefix + "chain_head (seq, hash, subject) VALUES (?, ?, ?)";
        this.updateHead = "UPDATE " + prefix + "chain_head SET seq = ?, hash = ? WHERE subject = ?";
        this.selectEvents = "SELECT " + COLUMNS + " FROM " + prefix + "event WHERE subject = ? ORDER BY seq";
        this.selectEvent = "SELECT " + COLUMNS + " FROM " + prefix + "event WHERE id = ? AND subject = ?";
        this.selectLastEvent = "SELECT seq, hash FROM " + prefix + "event WHERE subject = ? ORDER BY seq DESC LIMIT 1";
        this.chainStripes = dialect.holdsChainsUntilCommitted() ? new ChainStripes() : null;
        this.changes = builder.changes;
        this.outbox = changes == null ? null : new JdbcOutbox(dataSource, dialect, prefix);
        this.outboxTopics = changes == null ? List.of() : changes.topics().stream().map(Topic::toString).toList();
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    public String tablePrefix() {
        return prefix;
    }

    /** The PostgreSQL channel each append notifies with the subjects it touched, or {@code null}. */
    public String notifyChannel() {
        return notifyChannel;
    }

    /**
     * The tables of this store that the database lacks: empty once the schema is in place. A shop
     * that creates the schema itself (Flyway, Liquibase) can check this at start.
     */
    public List<String> missingTables() {
        List<String> tables = new ArrayList<>(List.of(prefix + "event", prefix + "latest", prefix + "chain_head"));
        if (outbox != null) {
            tables.add(outbox.table());
        }
        return Transactions.missingTables(dataSource, tables);
    }

    /**
     * Creates the tables (and, where the database has them, the append-only triggers) if they do
     * not exist. Where it finds the event table of consent4j 0.1 without the chain-head table, it
     * first runs {@link JdbcDialect#upgradeResource() the upgrade script}, which fills the heads
     * from the stored events.
     */
    public void initializeSchema() {
        if (!Transactions.tableExists(dataSource, prefix + "chain_head") && Transactions.tableExists(dataSource, prefix + "event")) {
            Transactions.runSchema(dataSource, dialect.upgradeResource(), prefix);
        }
        Transactions.runSchema(dataSource, dialect.schemaResource(), prefix);
        if (outbox != null) {
            Transactions.runSchema(dataSource, dialect.outboxSchemaResource(), prefix);
        }
    }

    /** The outbox, when the store was built with {@link Builder#outbox}. */
    @Override
    public Optional<OutboxStore> outbox() {
        return Optional.ofNullable(outbox);
    }

    @Override
    public List<ConsentEvent> append(List<NewEvent> batch) {
        Set<EventId> ids = new HashSet<>();
        for (NewEvent event : batch) {
            if (!ids.add(event.id())) {
                throw new ConsentStoreException("event " + event.id() + " appears twice in the batch");
            }
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return appendOnce(batch, ids);
            } catch (ChainMoved moved) {
                if (attempt >= maxAttempts) {
                    throw new ConsentStoreException("could not append after " + attempt
                            + " attempts: other writers kept extending the same chains", moved.getCause());
                }
                backOff(attempt);
            }
        }
    }

    private List<ConsentEvent> appendOnce(List<NewEvent> batch, Set<EventId> ids) {
        List<String> subjects = sortedSubjects(batch);
        ChainStripes.Held held = chainStripes == null ? ChainStripes.Held.NONE : chainStripes.lock(subjects);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Exception failure = null;
            try {
                dialect.requireDurableCommits(connection);
                Map<String, ChainHead> heads = lockHeads(connection, subjects);
                List<ConsentEvent> sealed = seal(batch, heads);
                List<OutboxEntry> entries = outbox == null ? List.of() : outboxEntries(connection, subjects, sealed);
                write(connection, sealed);
                writeHeads(connection, heads, sealed);
                if (outbox != null) {
                    outbox.write(connection, entries);
                }
                if (notifyChannel != null) {
                    notify(connection, subjects);
                }
                connection.commit();
                return List.copyOf(sealed);
            } catch (SQLException | RuntimeException e) {
                failure = e;
                Transactions.rollback(connection, e);
                if (e instanceof SQLException sql && dialect.isRetryable(sql)) {
                    // A duplicate key is either an event stored before (the caller's mistake) or a
                    // chain position taken behind the head's back (worth another attempt once the
                    // head has caught up with its chain).
                    if (dialect.isUniqueViolation(sql)) {
                        requireNew(connection, ids);
                        catchUpHeads(connection, subjects);
                    }
                    throw new ChainMoved(sql);
                }
                throw e;
            } finally {
                SqlFailures.restoreAutoCommit(connection, autoCommit, failure);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("append " + batch.size() + " consent events", e);
        } finally {
            held.close();
        }
    }

    /**
     * What the append changes, per subject: decided from the latest choices as they stand before
     * it, read under the chains' locks, so no other append to these chains comes in between.
     */
    private List<OutboxEntry> outboxEntries(Connection connection, List<String> subjects, List<ConsentEvent> sealed)
            throws SQLException {
        Map<SubjectId, List<ConsentEvent>> before = new HashMap<>();
        readLatest(connection, subjects, outboxTopics, dialect.valuesPerQuery(), before);
        Map<SubjectId, List<ConsentEvent>> appended = new LinkedHashMap<>();
        for (ConsentEvent event : sealed) {
            appended.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
        }
        List<OutboxEntry> entries = new ArrayList<>();
        for (Map.Entry<SubjectId, List<ConsentEvent>> part : appended.entrySet()) {
            changes.entry(part.getKey(), before.getOrDefault(part.getKey(), List.of()), part.getValue()).ifPresent(entries::add);
        }
        return entries;
    }

    /** Delivered by PostgreSQL at commit, and only if the transaction commits. */
    private void notify(Connection connection, List<String> subjects) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String subject : subjects) {
                notify.setString(1, notifyChannel);
                notify.setString(2, subject);
                notify.addBatch();
            }
            notify.executeBatch();
        }
    }

    private static List<String> sortedSubjects(List<NewEvent> batch) {
        return batch.stream().map(event -> event.subject().toString()).distinct().sorted().toList();
    }

    /** Waits a random, growing while before the next attempt, so that colliding writers spread out. */
    private static void backOff(int attempt) {
        long ceilingMicros = 500L << Math.min(attempt, 6);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(ceilingMicros / 2, ceilingMicros) * 1_000L);
    }

    private void requireNew(Connection connection, Set<EventId> ids) throws SQLException {
        List<String> all = ids.stream().map(EventId::toString).toList();
        int size = dialect.valuesPerQuery();
        for (int from = 0; from < all.size(); from += size) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + size));
            String sql = "SELECT id FROM " + prefix + "event WHERE " + dialect.anyOf("id", chunk.size());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                dialect.bindAnyOf(statement, 1, chunk);
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        throw new ConsentStoreException("event " + rows.getString(1) + " is already stored");
                    }
                }
            }
        }
    }

    /** Locks and reads the heads of the chains (sorted subjects), in chunks the dialect can bind. */
    private Map<String, ChainHead> lockHeads(Connection connection, List<String> subjects) throws SQLException {
        Map<String, ChainHead> heads = new HashMap<>();
        int size = dialect.valuesPerQuery();
        for (int from = 0; from < subjects.size(); from += size) {
            heads.putAll(dialect.lockHeads(connection, prefix + "chain_head",
                    subjects.subList(from, Math.min(subjects.size(), from + size))));
        }
        return heads;
    }

    private static List<ConsentEvent> seal(List<NewEvent> batch, Map<String, ChainHead> heads) {
        Map<SubjectId, ConsentEvent> last = new HashMap<>();
        List<ConsentEvent> sealed = new ArrayList<>(batch.size());
        for (NewEvent event : batch) {
            ConsentEvent previous = last.get(event.subject());
            ConsentEvent placed;
            if (previous == null) {
                ChainHead head = heads.getOrDefault(event.subject().toString(), ChainHead.EMPTY);
                placed = event.seal(head.sequence() + 1, head.hash());
            } else {
                placed = event.sealAfter(previous);
            }
            last.put(event.subject(), placed);
            sealed.add(placed);
        }
        return sealed;
    }

    /** Moves each chain's head row to the last of the sealed events, creating the rows that are missing. */
    private void writeHeads(Connection connection, Map<String, ChainHead> heads, List<ConsentEvent> sealed)
            throws SQLException {
        Map<String, ConsentEvent> last = new LinkedHashMap<>();
        for (ConsentEvent event : sealed) {
            last.put(event.subject().toString(), event);
        }
        List<ConsentEvent> updates = new ArrayList<>();
        List<ConsentEvent> inserts = new ArrayList<>();
        last.forEach((subject, event) -> (heads.getOrDefault(subject, ChainHead.EMPTY).stored() ? updates : inserts)
                .add(event));
        writeHeads(connection, updateHead, updates);
        writeHeads(connection, insertHead, inserts);
    }

    private static void writeHeads(Connection connection, String sql, List<ConsentEvent> lastEvents) throws SQLException {
        if (lastEvents.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (ConsentEvent event : lastEvents) {
                statement.setLong(1, event.sequence());
                statement.setString(2, event.hash());
                statement.setString(3, event.subject().toString());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Brings the head rows of {@code subjects} up to the last event of their chains, where a head
     * is behind (or missing): events appended by consent4j 0.1, or a database upgraded without
     * its script. Each chain's last event is found through the (subject, seq) key.
     */
    private void catchUpHeads(Connection connection, List<String> subjects) throws SQLException {
        try {
            Map<String, ChainHead> heads = lockHeads(connection, subjects);
            try (PreparedStatement select = connection.prepareStatement(selectLastEvent);
                    PreparedStatement update = connection.prepareStatement(updateHead);
                    PreparedStatement insert = connection.prepareStatement(insertHead)) {
                for (String subject : subjects) {
                    select.setString(1, subject);
                    try (ResultSet rows = select.executeQuery()) {
                        ChainHead head = heads.getOrDefault(subject, ChainHead.EMPTY);
                        if (rows.next() && rows.getLong(1) > head.sequence()) {
                            PreparedStatement write = head.stored() ? update : insert;
                            write.setLong(1, rows.getLong(1));
                            write.setString(2, rows.getString(2));
                            write.setString(3, subject);
                            write.executeUpdate();
                        }
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            Transactions.rollback(connection, e);
            if (!dialect.isRetryable(e)) {
                throw e;
            }
        }
    }

    private void write(Connection connection, List<ConsentEvent> sealed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertEvent)) {
            for (ConsentEvent event : sealed) {
                bind(insert, event);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement latest = connection.prepareStatement(upsertLatest)) {
            boolean any = false;
            for (ConsentEvent event : sealed) {
                if (event.topic() != null) {
                    latest.setString(1, event.subject().toString());
                    latest.setString(2, event.topic().toString());
                    latest.setString(3, event.id().toString());
                    latest.setLong(4, event.sequence());
                    latest.addBatch();
                    any = true;
                }
            }
            if (any) {
                latest.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, ConsentEvent event) throws SQLException {
        insert.setString(1, event.id().toString());
        insert.setString(2, event.subject().toString());
        insert.setLong(3, event.sequence());
        text(insert, 4, event.topic() == null ? null : event.topic().toString());
        insert.setString(5, event.action().name());
        insert.setString(6, event.policyVersion());
        insert.setLong(7, event.time().getEpochSecond());
        insert.setInt(8, event.time().getNano());
        insert.setString(9, event.source().name());
        insert.setString(10, event.actor().kind().name());
        text(insert, 11, event.actor().operatorId());
        insert.setString(12, event.jurisdiction());
        text(insert, 13, event.evidence().noticeVersion());
        text(insert, 14, event.evidence().language());
        text(insert, 15, event.evidence().userAgent());
        text(insert, 16, event.evidence().network());
        text(insert, 17, event.linkedVisitor() == null ? null : event.linkedVisitor().toString());
        text(insert, 18, event.supersedes() == null ? null : event.supersedes().toString());
        insert.setString(19, event.previousHash());
        insert.setString(20, event.hash());
        insert.setInt(21, FORMAT);
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(selectEvents)) {
            statement.setString(1, subject.toString());
            List<ConsentEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw SqlFailures.translate("read the consent events of " + subject, e);
        }
    }

    @Override
    public Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(selectEvent)) {
            statement.setString(1, id.toString());
            statement.setString(2, subject.toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ConsentStoreException("could not read event " + id + " of " + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        Map<SubjectId, List<ConsentEvent>> result = new HashMap<>();
        if (subjects.isEmpty() || topics.isEmpty()) {
            return result;
        }
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(subjects.stream().map(SubjectId::toString).toList()));
        int size = dialect.valuesPerQuery();
        Transactions.inTransaction(dataSource, "read the latest consent events", connection -> {
            dialect.prepareBulkRead(connection);
            readLatest(connection, keys, topicKeys, size, result);
            return null;
        });
        return result;
    }

    private void readLatest(Connection connection, List<String> keys, List<String> topicKeys, int size,
            Map<SubjectId, List<ConsentEvent>> result) throws SQLException {
        String prefixedColumns = "e." + COLUMNS.replace(", ", ", e.");
        for (int from = 0; from < keys.size(); from += size) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + size));
            String sql = "SELECT " + prefixedColumns + " FROM " + prefix + "latest l JOIN " + prefix
                    + "event e ON e.id = l.event_id WHERE " + dialect.anyOf("l.subject", chunk.size())
                    + " AND l.topic IN (" + placeholders(topicKeys.size()) + ")";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(10_000);
                int index = dialect.bindAnyOf(statement, 1, chunk);
                for (String topic : topicKeys) {
                    statement.setString(index++, topic);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ConsentEvent event = read(rows);
                        result.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
                    }
                }
            }
        }
    }

    @Override
    public Optional<AudienceQueries> audienceQueries() {
        return Optional.of(this);
    }

    @Override
    public void latestChoices(CustomerQuery customers, Collection<Topic> topics, BiConsumer<SubjectId, List<Choice>> sink) {
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        if (topicKeys.isEmpty()) {
            return;
        }
        // A join rather than IN (subquery): H2 2.4 fails inside an IN over a million-row subquery.
        // A customer the query gives twice comes twice in a row and is folded once.
        String sql = "SELECT l.subject, e.topic, e.action, e.policy_version, e.time_seconds, e.time_nanos, e.actor, e.seq, e.source FROM ("
                + customers.select() + ") q JOIN " + prefix + "latest l ON l.subject = " + customerSubject(customers)
                + " JOIN " + prefix + "event e ON e.id = l.event_id WHERE l.topic IN (" + placeholders(topicKeys.size())
                + ") ORDER BY l.subject";
        Transactions.inTransaction(dataSource, "read the latest choices of the customers a query selects", connection -> {
            dialect.prepareBulkRead(connection);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(10_000);
                for (int i = 0; i < topicKeys.size(); i++) {
                    statement.setString(i + 1, topicKeys.get(i));
                }
                Map<String, Topic> parsed = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    String current = null;
                    List<Choice> choices = new ArrayList<>();
                    while (rows.next()) {
                        String subject = rows.getString(1);
                        if (!subject.equals(current)) {
                            if (current != null) {
                                sink.accept(SubjectId.parse(current), choices);
                                choices = new ArrayList<>();
                            }
                            current = subject;
                        }
                        choices.add(new Choice(parsed.computeIfAbsent(rows.getString(2), Topic::parse),
                                Action.valueOf(rows.getString(3)), Instant.ofEpochSecond(rows.getLong(5), rows.getInt(6)),
                                rows.getString(4), Actor.Kind.valueOf(rows.getString(7)), null, rows.getLong(8),
                                Source.valueOf(rows.getString(9))));
                    }
                    if (current != null) {
                        sink.accept(SubjectId.parse(current), choices);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void withoutChoices(CustomerQuery customers, Collection<Topic> topics, Consumer<SubjectId> sink) {
        List<String> topicKeys = topics.stream().map(Topic::toString).distinct().toList();
        String sql = "SELECT q." + customers.idColumn() + " FROM (" + customers.select() + ") q"
                + (topicKeys.isEmpty() ? "" : " WHERE NOT EXISTS (SELECT 1 FROM " + prefix + "latest l WHERE l.subject = "
                        + customerSubject(customers) + " AND l.topic IN (" + placeholders(topicKeys.size()) + "))");
        Transactions.inTransaction(dataSource, "read the customers a query selects", connection -> {
            dialect.prepareBulkRead(connection);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(10_000);
                for (int i = 0; i < topicKeys.size(); i++) {
                    statement.setString(i + 1, topicKeys.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(SubjectId.customer(rows.getString(1)));
                    }
                }
            }
            return null;
        });
    }

    /** The subject key, as the store's tables hold it ({@link SubjectId#toString()}: {@code c:<id>}), of the customer in a row {@code q}. */
    private static String customerSubject(CustomerQuery customers) {
        return "CONCAT('c:', q." + customers.idColumn() + ")";
    }

    private static ConsentEvent read(ResultSet rows) throws SQLException {
        int format = rows.getInt("format");
        if (format != FORMAT) {
            throw new ConsentStoreException("event " + rows.getString("id") + " is stored in format " + format
                    + ", which this version of consent4j does not read");
        }
        String topic = rows.getString("topic");
        String operator = rows.getString("operator_id");
        Actor.Kind kind = Actor.Kind.valueOf(rows.getString("actor"));
        String linked = rows.getString("linked_visitor");
        String supersedes = rows.getString("supersedes");
        return new ConsentEvent(new NewEvent(
                EventId.parse(rows.getString("id")),
                SubjectId.parse(rows.getString("subject")),
                topic == null ? null : Topic.parse(topic),
                Action.valueOf(rows.getString("action")),
                rows.getString("policy_version"),
                Instant.ofEpochSecond(rows.getLong("time_seconds"), rows.getInt("time_nanos")),
                Source.valueOf(rows.getString("source")),
                kind == Actor.Kind.OPERATOR ? Actor.operator(operator) : new Actor(kind, null),
                rows.getString("jurisdiction"),
                new Evidence(rows.getString("notice_version"), rows.getString("language"), rows.getString("user_agent"),
                        rows.getString("network")),
                linked == null ? null : SubjectId.parse(linked),
                supersedes == null ? null : EventId.parse(supersedes)),
                new Seal(rows.getLong("seq"), rows.getString("previous_hash"), rows.getString("hash")));
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Another writer took a chain position between reading the head and inserting. */
    private static final class ChainMoved extends RuntimeException {
        ChainMoved(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Builds a {@link JdbcConsentStore}; the dialect is detected from the database unless given. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = "consent_";
        private JdbcDialect dialect;
        private int maxAttempts = 30;
        private String notifyChannel;
        private DecisionChanges changes;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Prefix of the table names: lower-case letters, digits and '_', at most 21 characters. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Transactions.requireTablePrefix(tablePrefix);
            return this;
        }

        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** How often an append is tried when other writers extend the same chain at the same moment. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * On PostgreSQL, notifies {@code channel} with every subject an append touched, so that
         * other nodes' caches forget them ({@link dev.consent4j.store.cache.PostgresInvalidations}).
         */
        public Builder notifyChannel(String channel) {
            if (channel != null && !channel.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a channel is lower-case letters, digits and '_', but was '" + channel + "'");
            }
            this.notifyChannel = channel;
            return this;
        }

        /**
         * Keeps an outbox: each append that changes a decision, as {@code changes} decides, writes
         * an outbox row in its transaction (schema {@link JdbcDialect#outboxSchemaResource()}).
         * Without it an append reads and writes nothing for an outbox.
         */
        public Builder outbox(DecisionChanges changes) {
            this.changes = changes;
            return this;
        }

        public JdbcConsentStore build() {
            JdbcDialect detected = dialect != null ? dialect : JdbcDialect.of(dataSource);
            if (notifyChannel != null && detected != JdbcDialect.POSTGRESQL) {
                throw new IllegalStateException("notifyChannel needs PostgreSQL; the database is " + detected);
            }
            detected.requireDurableCommits(dataSource);
            return new JdbcConsentStore(this, detected);
        }
    }
}
