package dev.consent4j.spring;

import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.policy.Policy;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.request.RequestStore;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ForwardingConsentStore;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.jdbc.JdbcDialect;
import dev.consent4j.store.jdbc.JdbcLedgerStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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
    ConsentStore inMemoryConsentStore(ConsentProperties properties, ObjectProvider<Policy> policy,
            ObjectProvider<ConsentSettings> settings, ObjectProvider<Clock> clock) {
        LOG.warn("consent.store.type=memory: proof of consent is kept in memory and lost at restart; for demos and tests only");
        DecisionChanges changes = outboxChanges(properties, policy, settings, clock);
        return changes == null ? new InMemoryConsentStore() : new InMemoryConsentStore(changes);
    }

    /**
     * What the store writes to its outbox, decided by the one decision function over the policy
     * and settings the {@code ConsentManager} uses; null unless {@code consent.outbox.enabled}.
     */
    private static @Nullable DecisionChanges outboxChanges(ConsentProperties properties, ObjectProvider<Policy> policy,
            ObjectProvider<ConsentSettings> settings, ObjectProvider<Clock> clock) {
        if (!properties.outbox().enabled()) {
            return null;
        }
        return DecisionChanges.of(policy.getObject(), settings.getObject(), clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The JDBC store over the application's {@code DataSource}, behind a cache. Declared after the
     * memory store, so {@code consent.store.type=memory} wins. Its tables are created, when
     * {@code initialize-schema} says so, by {@link ConsentDataSourceScriptDatabaseInitializer},
     * which Boot runs first; the store only checks that they are there.
     */
    @Bean
    @ConditionalOnMissingBean(ConsentStore.class)
    @ConditionalOnBean(DataSource.class)
    @DependsOnDatabaseInitialization
    ConsentStore jdbcConsentStore(DataSource dataSource, ConsentProperties properties, ObjectProvider<Policy> policy,
            ObjectProvider<ConsentSettings> consentSettings, ObjectProvider<Clock> clock) {
        ConsentProperties.Store settings = properties.store();
        String prefix = settings.jdbc().tablePrefix();
        JdbcDialect dialect = JdbcDialect.of(dataSource);
        boolean listen = dialect == JdbcDialect.POSTGRESQL && settings.cache().enabled() && settings.cache().listen();
        JdbcConsentStore store = JdbcConsentStore.builder(dataSource).tablePrefix(prefix).dialect(dialect)
                .notifyChannel(listen ? prefix + "changes" : null)
                .outbox(outboxChanges(properties, policy, consentSettings, clock)).build();
        List<String> missing = store.missingTables();
        requireTables(missing.stream().filter(table -> !table.equals(prefix + "outbox")).toList(), store.dialect().schemaResource());
        requireTables(missing, store.dialect().outboxSchemaResource());
        if (!settings.cache().enabled()) {
            return store;
        }
        CachingConsentStore cache = CachingConsentStore.builder(store)
                .maximumSize(settings.cache().maximumSize())
                .expireAfterWrite(settings.cache().expireAfterWrite())
                .build();
        if (!listen) {
            return cache;
        }
        // One listening connection serves the cache and wakes the outbox dispatcher, when there is one.
        java.util.concurrent.atomic.AtomicReference<Runnable> onNotify = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
        PostgresInvalidations.Builder invalidations = PostgresInvalidations.builder(dataSource,
                java.util.Objects.requireNonNull(store.notifyChannel(), "set above when listening"), subject -> {
            cache.evict(subject);
            java.util.Objects.requireNonNull(onNotify.get(), "onNotify").run();
        }, cache::evictAll);
        setIfGiven("consent.store.cache.round-trip-every", settings.cache().roundTripEvery(), invalidations::roundTripEvery);
        setIfGiven("consent.store.cache.round-trip-timeout", settings.cache().roundTripTimeout(), invalidations::roundTripTimeout);
        return new ListeningConsentStore(cache, invalidations.build(), onNotify);
    }

    /** Passes a set property to the builder, whose own check then names the property a shop wrote. */
    private static <T> void setIfGiven(String property, @Nullable T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
    }

    /** The cache, with the listener that keeps it in step with other nodes; closing the context stops it. */
    static final class ListeningConsentStore extends ForwardingConsentStore implements AutoCloseable {
        private final CachingConsentStore cache;
        private final PostgresInvalidations invalidations;

        private final java.util.concurrent.atomic.AtomicReference<Runnable> onNotify;

        ListeningConsentStore(CachingConsentStore cache, PostgresInvalidations invalidations,
                java.util.concurrent.atomic.AtomicReference<Runnable> onNotify) {
            super(cache);
            this.cache = cache;
            this.invalidations = invalidations;
            this.onNotify = onNotify;
        }

        /** Runs {@code action} too on every notification of an append (the dispatcher's wake-up). */
        void alsoOnNotify(Runnable action) {
            onNotify.getAndUpdate(before -> () -> {
                before.run();
                action.run();
            });
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
    @DependsOnDatabaseInitialization
    JdbcLedgerStore jdbcLedgerStore(DataSource dataSource, ConsentProperties properties) {
        JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource)
                .tablePrefix(properties.store().jdbc().tablePrefix()).build();
        requireTables(ledger.missingTables(), ledger.dialect().ledgerSchemaResource());
        return ledger;
    }

    /**
     * Schema creation through Boot's database initialization, for the JDBC stores configured
     * above. A member class, so its conditions see only the application's own stores.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    @ConditionalOnBean(DataSource.class)
    @Conditional(NotInMemory.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static final class SchemaInitialization {

        @Bean
        @ConditionalOnMissingBean(value = ConsentStore.class, name = "consentDataSourceScriptDatabaseInitializer")
        ConsentDataSourceScriptDatabaseInitializer consentDataSourceScriptDatabaseInitializer(DataSource dataSource,
                ConsentProperties properties) {
            return ConsentDataSourceScriptDatabaseInitializer.events(dataSource, properties.store().jdbc());
        }

        @Bean
        @ConditionalOnMissingBean(value = {ProvisionStore.class, RequestStore.class},
                name = "consentLedgerDataSourceScriptDatabaseInitializer")
        ConsentDataSourceScriptDatabaseInitializer consentLedgerDataSourceScriptDatabaseInitializer(DataSource dataSource,
                ConsentProperties properties) {
            return ConsentDataSourceScriptDatabaseInitializer.ledger(dataSource, properties.store().jdbc());
        }

        @Bean
        @ConditionalOnBooleanProperty("consent.outbox.enabled")
        @ConditionalOnMissingBean(value = ConsentStore.class, name = "consentOutboxDataSourceScriptDatabaseInitializer")
        ConsentDataSourceScriptDatabaseInitializer consentOutboxDataSourceScriptDatabaseInitializer(DataSource dataSource,
                ConsentProperties properties) {
            return ConsentDataSourceScriptDatabaseInitializer.outbox(dataSource, properties.store().jdbc());
        }
    }

    /** {@code consent.store.type} is not {@code memory}. */
    static final class NotInMemory extends NoneNestedConditions {

        NotInMemory() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "consent.store.type", havingValue = "memory")
        static final class Memory {
        }
    }

    /**
     * What kind of store this is, for the health details: {@code memory}, {@code h2},
     * {@code postgresql}, {@code mariadb}, {@code mysql} (behind the cache or not), or the simple
     * class name of a store of the application's own.
     *
     * @param dataSource the application's {@code DataSource}, to tell MariaDB from MySQL; may be null
     */
    static String storeType(ConsentStore store, @Nullable DataSource dataSource) {
        ConsentStore inner = store instanceof ListeningConsentStore listening ? listening.cache() : store;
        inner = inner instanceof CachingConsentStore cache ? cache.store() : inner;
        if (inner instanceof InMemoryConsentStore) {
            return "memory";
        }
        if (inner instanceof JdbcConsentStore jdbc) {
            return switch (jdbc.dialect()) {
                case H2 -> "h2";
                case POSTGRESQL -> "postgresql";
                case MYSQL -> isMariaDb(dataSource) ? "mariadb" : "mysql";
            };
        }
        String name = inner.getClass().getSimpleName();
        return name.isEmpty() ? inner.getClass().getName() : name;
    }

    private static boolean isMariaDb(@Nullable DataSource dataSource) {
        if (dataSource == null) {
            return false;
        }
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        } catch (java.sql.SQLException e) {
            LOG.debug("could not tell MariaDB from MySQL: {}", e.getMessage());
            return false;
        }
    }

    /** Fails the start, with {@link ConsentSchemaMissingException}'s analysis, rather than the first choice. */
    private static void requireTables(List<String> missing, String schemaResource) {
        if (!missing.isEmpty()) {
            throw new ConsentSchemaMissingException(missing, "dev/consent4j/store/jdbc/" + schemaResource);
        }
    }
}
