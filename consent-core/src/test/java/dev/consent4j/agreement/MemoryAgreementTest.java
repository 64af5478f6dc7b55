package dev.consent4j.agreement;

import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;

class MemoryAgreementTest extends AgreementProperties {

    @Override
    protected ConsentStore createStore() {
        return new InMemoryConsentStore();
    }
}
