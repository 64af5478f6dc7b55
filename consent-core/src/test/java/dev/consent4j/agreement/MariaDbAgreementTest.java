package dev.consent4j.agreement;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.testing.TestDatabases;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(DatabaseHooks.MariaDb.class)
class MariaDbAgreementTest extends AgreementProperties {

    @Override
    protected ConsentStore createStore() {
        return AgreementStores.fresh(TestDatabases.urlFromEnvironment(TestDatabases.MARIADB));
    }
}
