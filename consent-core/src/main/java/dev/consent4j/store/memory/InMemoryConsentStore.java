package dev.consent4j.store.memory;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps events in memory: for tests and demos only, since nothing survives a restart. Appends
 * are atomic (a batch is applied whole or not at all) and serialised, so chains stay intact
 * under concurrent use.
 */
public final class InMemoryConsentStore implements ConsentStore {

    private final Map<SubjectId, List<ConsentEvent>> events = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public List<ConsentEvent> append(List<ConsentEvent> batch) {
        lock.writeLock().lock();
        try {
            Set<Object> ids = new HashSet<>();
            for (ConsentEvent event : batch) {
                if (event.isSealed()) {
                    throw new ConsentStoreException("event " + event.id() + " is already sealed; append unsealed events");
                }
                if (!ids.add(event.id()) || contains(event)) {
                    throw new ConsentStoreException("event " + event.id() + " is already stored");
                }
            }
            Map<SubjectId, List<ConsentEvent>> pending = new LinkedHashMap<>();
            List<ConsentEvent> sealed = new ArrayList<>(batch.size());
            for (ConsentEvent event : batch) {
                List<ConsentEvent> chain = pending.computeIfAbsent(event.subject(),
                        s -> new ArrayList<>(events.getOrDefault(s, List.of())));
                String previous = chain.isEmpty() ? "" : chain.get(chain.size() - 1).hash();
                ConsentEvent seal = event.seal(chain.size() + 1L, previous);
                chain.add(seal);
                sealed.add(seal);
            }
            events.putAll(pending);
            return List.copyOf(sealed);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        lock.readLock().lock();
        try {
            return List.copyOf(events.getOrDefault(subject, List.of()));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        Set<Topic> wanted = Set.copyOf(topics);
        Map<SubjectId, List<ConsentEvent>> result = new HashMap<>();
        lock.readLock().lock();
        try {
            for (SubjectId subject : subjects) {
                List<ConsentEvent> chain = events.get(subject);
                if (chain == null) {
                    continue;
                }
                Map<Topic, ConsentEvent> latest = new LinkedHashMap<>();
                for (ConsentEvent event : chain) {
                    if (event.topic() != null && wanted.contains(event.topic())) {
                        latest.put(event.topic(), event);
                    }
                }
                if (!latest.isEmpty()) {
                    result.put(subject, List.copyOf(latest.values()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return result;
    }

    private boolean contains(ConsentEvent event) {
        List<ConsentEvent> chain = events.get(event.subject());
        return chain != null && chain.stream().anyMatch(e -> e.id().equals(event.id()));
    }
}
