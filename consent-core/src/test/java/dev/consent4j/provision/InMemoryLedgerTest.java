package dev.consent4j.provision;

import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import java.util.Optional;

class InMemoryLedgerTest extends LedgerContract {

    @Override
    protected Stores createStores() {
        InMemoryLedgerStore ledger = new InMemoryLedgerStore();
        return new Stores(new InMemoryConsentStore(), ledger, ledger);
    }

    @Override
    protected Optional<Stores> reopen() {
        return Optional.empty();
    }
}
