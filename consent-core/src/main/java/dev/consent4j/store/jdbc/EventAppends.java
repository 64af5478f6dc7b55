package dev.consent4j.store.jdbc;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxEntry;
import dev.consent4j.store.Appended;
import dev.consent4j.store.ConsentStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The appends of {@link JdbcConsentStore}: one transaction per batch that locks the chains' heads,
 * seals the events after them, writes the events, the latest-event rows, the heads and the outbox
 * rows, and commits; tried again when another writer took a chain position first.
 */
final class EventAppends {

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;
    private final int maxAttempts;
    private final @Nullable String notifyChannel;
    private final String insertEvent;
    private final String upsertLatest;
    private final @Nullable ChainStripes chainStripes;
    private final ChainHeads heads;
    private final EventReads reads;
    private final @Nullable DecisionChanges changes;
    private final @Nullable JdbcOutbox outbox;

    EventAppends(DataSource dataSource, JdbcDialect dialect, String prefix, int maxAttempts, @Nullable String notifyChannel,
            EventReads reads, @Nullable DecisionChanges changes, @Nullable JdbcOutbox outbox) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.maxAttempts = maxAttempts;
        this.notifyChannel = notifyChannel;
        this.insertEvent = "INSERT INTO " + prefix + "event (" + EventRows.COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.upsertLatest = dialect.upsertLatest(prefix + "latest");
        this.chainStripes = dialect.holdsChainsUntilCommitted() ? new ChainStripes() : null;
        this.heads = new ChainHeads(dialect, prefix);
        this.reads = reads;
        this.changes = changes;
        this.outbox = outbox;
    }

    /**
     * Appends the batch; with an outbox, also answers each subject's latest events after it (from
     * the read the outbox entries are decided from), and otherwise an empty map.
     */
    Appended append(List<NewEvent> batch) {
        Set<EventId> ids = new HashSet<>();
        for (NewEvent event : batch) {
            if (!ids.add(event.id())) {
                throw new ConsentStoreException("event " + event.id() + " appears twice in the batch");
            }
        }
        if (batch.isEmpty()) {
            return new Appended(List.of(), Map.of());
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

    private Appended appendOnce(List<NewEvent> batch, Set<EventId> ids) {
        List<String> subjects = sortedSubjects(batch);
        ChainStripes.Held held = chainStripes == null ? ChainStripes.Held.NONE : chainStripes.lock(subjects);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            Exception failure = null;
            try {
                dialect.requireDurableCommits(connection);
                Map<String, ChainHead> locked = heads.lock(connection, subjects);
                List<ConsentEvent> sealed = seal(batch, locked);
                Map<SubjectId, List<ConsentEvent>> latest = new HashMap<>();
                List<OutboxEntry> entries = outbox == null ? List.of() : outboxEntries(connection, subjects, sealed, latest);
                write(connection, sealed);
                heads.move(connection, locked, sealed);
                if (outbox != null) {
                    outbox.write(connection, entries);
                }
                if (notifyChannel != null) {
                    notify(connection, subjects);
                }
                connection.commit();
                return new Appended(sealed, latest);
            } catch (SQLException | RuntimeException e) {
                failure = e;
                Transactions.rollback(connection, e);
                if (e instanceof SQLException sql && dialect.isRetryable(sql)) {
                    // A duplicate key is either an event stored before (the caller's mistake) or a
                    // chain position taken behind the head's back (worth another attempt once the
                    // head has caught up with its chain).
                    if (dialect.isUniqueViolation(sql)) {
                        requireNew(connection, ids);
                        heads.catchUp(connection, subjects);
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
     * it, read under the chains' locks, so no other append to these chains comes in between. The
     * read takes every topic, so that {@code latest} gets each subject's latest events after the
     * append (those before, overlaid with the appended ones) without reading again.
     */
    private List<OutboxEntry> outboxEntries(Connection connection, List<String> subjects, List<ConsentEvent> sealed,
            Map<SubjectId, List<ConsentEvent>> latest) throws SQLException {
        Map<SubjectId, List<ConsentEvent>> before = new HashMap<>();
        reads.readLatest(connection, subjects, null, dialect.valuesPerQuery(), before);
        Map<SubjectId, List<ConsentEvent>> appended = new LinkedHashMap<>();
        for (ConsentEvent event : sealed) {
            appended.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
        }
        List<OutboxEntry> entries = new ArrayList<>();
        DecisionChanges changes = Objects.requireNonNull(this.changes, "an outbox is written with its decision changes");
        for (Map.Entry<SubjectId, List<ConsentEvent>> part : appended.entrySet()) {
            List<ConsentEvent> was = before.getOrDefault(part.getKey(), List.of());
            changes.entry(part.getKey(), was, part.getValue()).ifPresent(entries::add);
            Map<Topic, ConsentEvent> after = new LinkedHashMap<>();
            for (ConsentEvent event : was) {
                after.put(event.topic(), event);
            }
            for (ConsentEvent event : part.getValue()) {
                if (event.topic() != null) {
                    after.put(event.topic(), event);
                }
            }
            latest.put(part.getKey(), List.copyOf(after.values()));
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

    private void write(Connection connection, List<ConsentEvent> sealed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertEvent)) {
            for (ConsentEvent event : sealed) {
                EventRows.bind(insert, event);
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

    /** Another writer took a chain position between reading the head and inserting. */
    private static final class ChainMoved extends RuntimeException {
        ChainMoved(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
