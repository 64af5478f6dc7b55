package dev.consent4j.store.memory;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.DecisionChanges;
import dev.consent4j.outbox.OutboxEntry;
import dev.consent4j.outbox.OutboxStore;
import dev.consent4j.store.Appended;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Keeps events in memory: for tests and demos only, since nothing survives a restart. Appends
 * are atomic (a batch is applied whole or not at all) and serialised, so chains stay intact
 * under concurrent use. Like the JDBC store, each chain keeps its latest event per topic, so an
 * append or a {@link #latestEvents} read does not grow with the chain.
 */
public final class InMemoryConsentStore implements ConsentStore {

    private final Map<SubjectId, Chain> chains = new HashMap<>();
    private final Map<EventId, ConsentEvent> byId = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final @Nullable DecisionChanges changes;
    private final @Nullable InMemoryOutbox outbox;

    /** A store without an outbox. */
    public InMemoryConsentStore() {
        this.changes = null;
        this.outbox = null;
    }

    /**
     * A store that keeps an outbox ({@link #outbox()}): each append that changes a decision adds an
     * entry, as {@code changes} decides, atomically with its events.
     */
    public InMemoryConsentStore(DecisionChanges changes) {
        this.changes = java.util.Objects.requireNonNull(changes, "changes");
        this.outbox = new InMemoryOutbox();
    }

    @Override
    public Optional<OutboxStore> outbox() {
        return Optional.ofNullable(outbox);
    }

    /** One subject's events in order, and the last of them per topic. */
    private static final class Chain {
        final List<ConsentEvent> events = new ArrayList<>();
        final Map<Topic, ConsentEvent> latest = new LinkedHashMap<>();

        @Nullable ConsentEvent last() {
            return events.isEmpty() ? null : events.get(events.size() - 1);
        }
    }

    @Override
    public List<ConsentEvent> append(List<NewEvent> batch) {
        lock.writeLock().lock();
        try {
            Set<EventId> ids = new HashSet<>();
            for (NewEvent event : batch) {
                if (!ids.add(event.id()) || byId.containsKey(event.id())) {
                    throw new ConsentStoreException("event " + event.id() + " is already stored");
                }
            }
            List<ConsentEvent> sealed = new ArrayList<>(batch.size());
            Map<SubjectId, ConsentEvent> last = new HashMap<>();
            Map<SubjectId, List<ConsentEvent>> bySubject = new LinkedHashMap<>();
            for (NewEvent event : batch) {
                Chain chain = chains.get(event.subject());
                ConsentEvent previous = last.containsKey(event.subject()) ? last.get(event.subject())
                        : chain == null ? null : chain.last();
                ConsentEvent placed = previous == null ? event.seal(1, "") : event.sealAfter(previous);
                last.put(event.subject(), placed);
                bySubject.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(placed);
                sealed.add(placed);
            }
            List<OutboxEntry> entries = new ArrayList<>();
            if (changes != null) {
                for (Map.Entry<SubjectId, List<ConsentEvent>> part : bySubject.entrySet()) {
                    Chain chain = chains.get(part.getKey());
                    List<ConsentEvent> before = chain == null ? List.of() : List.copyOf(chain.latest.values());
                    changes.entry(part.getKey(), before, part.getValue()).ifPresent(entries::add);
                }
            }
            // Nothing below can fail, so the batch is applied whole, with its outbox entries.
            for (ConsentEvent placed : sealed) {
                Chain chain = chains.computeIfAbsent(placed.subject(), s -> new Chain());
                chain.events.add(placed);
                if (placed.topic() != null) {
                    chain.latest.put(placed.topic(), placed);
                }
                byId.put(placed.id(), placed);
            }
            if (outbox != null) {
                entries.forEach(outbox::add);
            }
            return List.copyOf(sealed);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under the write lock, so the latest events are the append's own. */
    @Override
    public Appended appendReadingLatest(List<NewEvent> batch) {
        lock.writeLock().lock();
        try {
            List<ConsentEvent> stored = append(batch);
            Map<SubjectId, List<ConsentEvent>> latest = new LinkedHashMap<>();
            for (ConsentEvent event : stored) {
                latest.computeIfAbsent(event.subject(), this::latestEvents);
            }
            return new Appended(stored, latest);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ConsentEvent> latestEvents(SubjectId subject) {
        lock.readLock().lock();
        try {
            Chain chain = chains.get(subject);
            return chain == null ? List.of() : List.copyOf(chain.latest.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        lock.readLock().lock();
        try {
            Chain chain = chains.get(subject);
            return chain == null ? List.of() : List.copyOf(chain.events);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id)).filter(event -> event.subject().equals(subject));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        Collection<Topic> wanted = topics instanceof Set<?> ? topics : new LinkedHashSet<>(topics);
        Map<SubjectId, List<ConsentEvent>> result = new HashMap<>();
        lock.readLock().lock();
        try {
            for (SubjectId subject : subjects) {
                Chain chain = chains.get(subject);
                if (chain == null) {
                    continue;
                }
                List<ConsentEvent> latest = new ArrayList<>();
                for (Topic topic : wanted) {
                    ConsentEvent event = chain.latest.get(topic);
                    if (event != null) {
                        latest.add(event);
                    }
                }
                if (!latest.isEmpty()) {
                    result.put(subject, List.copyOf(latest));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return result;
    }
}
