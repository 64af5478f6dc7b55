package dev.consent4j.spring;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.request.RequestStore;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.jdbc.JdbcDialect;
import dev.consent4j.store.jdbc.JdbcLedgerStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The consent store: the JDBC store when a {@code DataSource} exists, the in-memory store only when
 * {@code consent.store.type=memory} asks for it. With neither, the application does not start:
 * proof of consent is never kept in memory by accident.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "consent.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsentProperties.class)
public final class ConsentStoreAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentStoreAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(ConsentStore.class)
    @ConditionalOnProperty(name = "consent.store.type", havingValue = "memory")
    ConsentStore inMemoryConsentStore() {
        LOG.warn("consent.store.type=memory: proof of consent is kept in memory and lost at restart; for demos and tests only");
        return new InMemoryConsentStore();
    }

    /**
     * The JDBC store over the application's {@code DataSource}, behind a cache. Declared after the
     * memory store, so {@code consent.store.type=memory} wins; {@code initialize-schema=embedded}
     * creates the tables on H2 only.
     */
    @Bean
    @ConditionalOnMissingBean(ConsentStore.class)
    @ConditionalOnBean(DataSource.class)
    ConsentStore jdbcConsentStore(DataSource dataSource, ConsentProperties properties) {
        ConsentProperties.Store settings = properties.getStore();
        String prefix = settings.getJdbc().getTablePrefix();
        JdbcDialect dialect = JdbcDialect.of(dataSource);
        boolean listen = dialect == JdbcDialect.POSTGRESQL && settings.getCache().isEnabled() && settings.getCache().isListen();
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).dialect(dialect)
                .notifyChannel(listen ? prefix + "changes" : null).build();
        ConsentProperties.Store.Jdbc.InitializeSchema initialize = settings.getJdbc().getInitializeSchema();
        if (initialize == ConsentProperties.Store.Jdbc.InitializeSchema.ALWAYS
                || initialize == ConsentProperties.Store.Jdbc.InitializeSchema.EMBEDDED && store.dialect() == JdbcDialect.H2) {
            store.initializeSchema();
        } else {
            requireTables(store.missingTables(), store.dialect().schemaResource());
        }
        if (!settings.getCache().isEnabled()) {
            return store;
        }
        CachingConsentStore cache = CachingConsentStore.builder(store)
                .maximumSize(settings.getCache().getMaximumSize())
                .expireAfterWrite(settings.getCache().getExpireAfterWrite())
                .build();
        if (!listen) {
            return cache;
        }
        PostgresInvalidations invalidations = new PostgresInvalidations(dataSource, store.notifyChannel(), cache::evict,
                cache::evictAll);
        return new ListeningConsentStore(cache, invalidations);
    }

    /** The cache, with the listener that keeps it in step with other nodes; closing the context stops it. */
    static final class ListeningConsentStore implements ConsentStore, AutoCloseable {
        private final CachingConsentStore cache;
        private final PostgresInvalidations invalidations;

        ListeningConsentStore(CachingConsentStore cache, PostgresInvalidations invalidations) {
            this.cache = cache;
            this.invalidations = invalidations;
        }

        CachingConsentStore cache() {
            return cache;
        }

        boolean listening() {
            return invalidations.running();
        }

        PostgresInvalidations.Status invalidationStatus() {
            return invalidations.status();
        }

        @Override
        public List<ConsentEvent> append(List<ConsentEvent> events) {
            return cache.append(events);
        }

        @Override
        public List<ConsentEvent> events(SubjectId subject) {
            return cache.events(subject);
        }

        @Override
        public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
            return cache.latestEvents(subjects, topics);
        }

        @Override
        public java.util.Optional<dev.consent4j.store.AudienceQueries> audienceQueries() {
            return cache.audienceQueries();
        }

        @Override
        public void close() {
            invalidations.close();
        }
    }

    /** Provision records and personal requests in memory, beside the in-memory consent store. */
    @Bean
    @ConditionalOnMissingBean({ProvisionStore.class, RequestStore.class})
    @ConditionalOnProperty(name = "consent.store.type", havingValue = "memory")
    InMemoryLedgerStore inMemoryLedgerStore() {
        return new InMemoryLedgerStore();
    }

    /** Provision records and personal requests in the application's database, beside the events. */
    @Bean
    @ConditionalOnMissingBean({ProvisionStore.class, RequestStore.class})
    @ConditionalOnBean(DataSource.class)
    JdbcLedgerStore jdbcLedgerStore(DataSource dataSource, ConsentProperties properties) {
        ConsentProperties.Store settings = properties.getStore();
        JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource).tablePrefix(settings.getJdbc().getTablePrefix()).build();
        ConsentProperties.Store.Jdbc.InitializeSchema initialize = settings.getJdbc().getInitializeSchema();
        if (initialize == ConsentProperties.Store.Jdbc.InitializeSchema.ALWAYS
                || initialize == ConsentProperties.Store.Jdbc.InitializeSchema.EMBEDDED && ledger.dialect() == JdbcDialect.H2) {
            ledger.initializeSchema();
        } else {
            requireTables(ledger.missingTables(), ledger.dialect().ledgerSchemaResource());
        }
        return ledger;
    }

    /** Fails the start, with {@link ConsentSchemaMissingException}'s analysis, rather than the first choice. */
    private static void requireTables(List<String> missing, String schemaResource) {
        if (!missing.isEmpty()) {
            throw new ConsentSchemaMissingException(missing, "dev/consent4j/store/jdbc/" + schemaResource);
        }
    }
}
