package dev.consent4j.examples.quickstart.snippets;

// tag::cache-invalidations[]
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.cache.PostgresInvalidations;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import java.time.Duration;
// end::cache-invalidations[]
import javax.sql.DataSource;

/** docs/stores.md: the cache, told of other nodes' appends through PostgreSQL. */
class CacheInvalidationsSnippet {

    PostgresInvalidations run(DataSource dataSource) {
        // tag::cache-invalidations[]
        JdbcConsentStore jdbc = JdbcConsentStore.builder(dataSource).notifyChannel("consent_changes").build();
        CachingConsentStore cache = CachingConsentStore.builder(jdbc).expireAfterWrite(Duration.ofMinutes(5)).build();
        PostgresInvalidations listening = PostgresInvalidations.builder(dataSource, "consent_changes", cache::evict, cache::evictAll)
                .roundTripEvery(Duration.ofSeconds(5)).roundTripTimeout(Duration.ofSeconds(3)).build();
        // listening.status() for a health check; listening.close() at shutdown
        // end::cache-invalidations[]
        return listening;
    }
}
