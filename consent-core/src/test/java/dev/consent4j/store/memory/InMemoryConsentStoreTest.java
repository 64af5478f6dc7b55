package dev.consent4j.store.memory;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreContract;

class InMemoryConsentStoreTest extends ConsentStoreContract {

    @Override
    protected ConsentStore createStore() {
        return new InMemoryConsentStore();
    }

    @Override
    protected ConsentStore createStore(dev.consent4j.outbox.DecisionChanges changes) {
        return new InMemoryConsentStore(changes);
    }
}
