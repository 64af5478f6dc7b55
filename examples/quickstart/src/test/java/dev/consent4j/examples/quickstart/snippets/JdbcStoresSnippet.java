package dev.consent4j.examples.quickstart.snippets;

// tag::jdbc-stores[]
import dev.consent4j.ConsentManager;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.cache.CachingConsentStore;
import dev.consent4j.store.jdbc.JdbcConsentStore;
import dev.consent4j.store.jdbc.JdbcLedgerStore;
// end::jdbc-stores[]
import dev.consent4j.policy.Policy;
import javax.sql.DataSource;

/** docs/stores.md: the JDBC stores, by hand. */
class JdbcStoresSnippet {

    void run(Policy policy, DataSource dataSource) {
        // tag::jdbc-stores[]
        JdbcConsentStore events = JdbcConsentStore.builder(dataSource).build();   // dataSource: your pool
        JdbcLedgerStore ledger = JdbcLedgerStore.builder(dataSource).build();
        events.initializeSchema();                          // or run the schema files yourself
        ledger.initializeSchema();
        ConsentStore store = CachingConsentStore.builder(events).build();
        ConsentManager consents = ConsentManager.builder(policy, store).build();
        ProvisionGate gate = ProvisionGate.builder(consents, ledger).build();
        PersonalRequests requests = PersonalRequests.builder(consents, ledger).provisions(ledger).build();
        // end::jdbc-stores[]
    }
}
