package dev.consent4j.servlet.testing;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store that also counts the events it holds, so tests can show nothing was written,
 * and the reads of one subject's events.
 */
public final class CountingStore implements ConsentStore {

    private final InMemoryConsentStore delegate = new InMemoryConsentStore();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public List<ConsentEvent> append(List<ConsentEvent> events) {
        List<ConsentEvent> sealed = delegate.append(events);
        count.addAndGet(sealed.size());
        return sealed;
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        reads.incrementAndGet();
        return delegate.events(subject);
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        return delegate.latestEvents(subjects, topics);
    }

    public int eventCount() {
        return count.get();
    }

    /** How often one subject's events were read. */
    public int eventReads() {
        return reads.get();
    }
}
