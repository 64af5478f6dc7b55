package dev.consent4j.store.jdbc;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.Arguments;
import dev.consent4j.internal.chain.EventChain;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.state.Choice;
import dev.consent4j.store.Appended;
import dev.consent4j.store.AudienceQueries;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.CustomerQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final String prefix;
    private final @Nullable String notifyChannel;
    private final @Nullable JdbcOutbox outbox;
    private final EventReads reads;
    private final EventAppends appends;
    private final JdbcAudiences audiences;

    private JdbcConsentStore(Builder builder, JdbcDialect dialect) {
        this.dataSource = builder.dataSource;
        this.dialect = dialect;
        this.prefix = builder.tablePrefix;
        this.notifyChannel = builder.notifyChannel;
        this.outbox = builder.changes == null ? null : new JdbcOutbox(dataSource, dialect, prefix);
        this.reads = new EventReads(dataSource, dialect, prefix);
        this.appends = new EventAppends(dataSource, dialect, prefix, builder.maxAttempts, notifyChannel, reads,
                builder.changes, outbox);
        this.audiences = new JdbcAudiences(dataSource, dialect, prefix);
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
    public @Nullable String notifyChannel() {
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
        return appends.append(batch).stored();
    }

    /**
     * With an outbox, the append reads the subjects' latest events under their chains' locks
     * anyway (to decide what changed) and answers from that read; without one, it appends and then
     * reads them by key.
     */
    @Override
    public Appended appendReadingLatest(List<NewEvent> batch) {
        return outbox != null ? appends.append(batch) : ConsentStore.super.appendReadingLatest(batch);
    }

    @Override
    public List<ConsentEvent> latestEvents(SubjectId subject) {
        return reads.latestEvents(subject);
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        return reads.events(subject);
    }

    @Override
    public Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        return reads.event(subject, id);
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        return reads.latestEvents(subjects, topics);
    }

    @Override
    public Optional<AudienceQueries> audienceQueries() {
        return Optional.of(this);
    }

    @Override
    public void latestChoices(CustomerQuery customers, Collection<Topic> topics, BiConsumer<SubjectId, List<Choice>> sink) {
        audiences.latestChoices(customers, topics, sink);
    }

    @Override
    public void withoutChoices(CustomerQuery customers, Collection<Topic> topics, Consumer<SubjectId> sink) {
        audiences.withoutChoices(customers, topics, sink);
    }

    /** Builds a {@link JdbcConsentStore}; the dialect is detected from the database unless given. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = "consent_";
        private @Nullable JdbcDialect dialect;
        private int maxAttempts = 30;
        private @Nullable String notifyChannel;
        private @Nullable DecisionChanges changes;

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
            this.maxAttempts = Arguments.atLeastOne("maxAttempts", maxAttempts);
            return this;
        }

        /**
         * On PostgreSQL, notifies {@code channel} with every subject an append touched, so that
         * other nodes' caches forget them ({@link dev.consent4j.store.cache.PostgresInvalidations}).
         */
        public Builder notifyChannel(@Nullable String channel) {
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
        public Builder outbox(@Nullable DecisionChanges changes) {
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
