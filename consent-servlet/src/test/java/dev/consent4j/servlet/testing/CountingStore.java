package dev.consent4j.servlet.testing;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.store.ForwardingConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store that also counts the events it holds, so tests can show nothing was written,
 * and the reads of one subject's events.
 */
public final class CountingStore extends ForwardingConsentStore {

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    public CountingStore() {
        super(new InMemoryConsentStore());
    }

    @Override
    public List<ConsentEvent> append(List<NewEvent> events) {
        List<ConsentEvent> sealed = super.append(events);
        count.addAndGet(sealed.size());
        return sealed;
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        reads.incrementAndGet();
        return super.events(subject);
    }

    public int eventCount() {
        return count.get();
    }

    /** How often one subject's events were read. */
    public int eventReads() {
        return reads.get();
    }
}
