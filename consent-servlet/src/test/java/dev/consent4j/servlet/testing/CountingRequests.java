package dev.consent4j.servlet.testing;

import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.RequestStep;
import dev.consent4j.request.RequestStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory request store that counts what is written to it: requests filed and steps added. */
public final class CountingRequests implements RequestStore {

    private final InMemoryLedgerStore delegate = new InMemoryLedgerStore();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public void create(PersonalRequest request) {
        delegate.create(request);
        writes.incrementAndGet();
    }

    @Override
    public void addStep(UUID requestId, RequestStep step) {
        delegate.addStep(requestId, step);
        writes.incrementAndGet();
    }

    @Override
    public Optional<PersonalRequest> find(UUID requestId) {
        return delegate.find(requestId);
    }

    @Override
    public List<PersonalRequest> bySubject(SubjectId subject) {
        return delegate.bySubject(subject);
    }

    @Override
    public List<PersonalRequest> open() {
        return delegate.open();
    }

    public int writes() {
        return writes.get();
    }
}
