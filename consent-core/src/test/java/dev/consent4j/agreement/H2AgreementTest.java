package dev.consent4j.agreement;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.testing.TestDatabases;
import java.nio.file.Files;

/** On the embedded default: an H2 database in a file, behind the cache a shop puts in front of it. */
class H2AgreementTest extends AgreementProperties {

    @Override
    protected ConsentStore createStore() throws Exception {
        JdbcConsentStore store = JdbcConsentStore.builder(TestDatabases.h2File(Files.createTempDirectory("agreement")))
                .tablePrefix("agree_").build();
        store.initializeSchema();
        return dev.consent4j.store.cache.CachingConsentStore.builder(store).build();
    }
}
