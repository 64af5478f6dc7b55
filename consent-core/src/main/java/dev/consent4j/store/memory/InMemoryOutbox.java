package dev.consent4j.store.memory;

import dev.consent4j.event.SubjectId;
import dev.consent4j.outbox.OutboxEntry;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxStats;
import dev.consent4j.outbox.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outbox of an {@link InMemoryConsentStore}: the same claims as the database's (one pending
 * message per subject, a claimed message skipped by other callers) under one monitor, which is
 * not held while messages are delivered.
 */
final class InMemoryOutbox implements OutboxStore {

    private final TreeMap<Long, OutboxMessage> messages = new TreeMap<>();
    private final Set<Long> claimed = new HashSet<>();
    private long nextPosition = 1;

    /** Called by the store under its write lock, with the events it is applying. */
    synchronized void add(OutboxEntry entry) {
        long position = nextPosition++;
        messages.put(position, new OutboxMessage(position, entry, OutboxMessage.Status.PENDING, 0, entry.recordedAt(), null));
    }

    @Override
    public int dispatch(int limit, Instant now, Delivery delivery) {
        List<OutboxMessage> batch = claim(limit, now);
        try {
            for (OutboxMessage message : batch) {
                Outcome outcome = delivery.deliver(message);
                keep(message, outcome, now);
            }
        } finally {
            synchronized (this) {
                batch.forEach(message -> claimed.remove(message.position()));
            }
        }
        return batch.size();
    }

    private synchronized List<OutboxMessage> claim(int limit, Instant now) {
        List<OutboxMessage> batch = new ArrayList<>();
        Set<SubjectId> seen = new HashSet<>();
        for (OutboxMessage message : messages.values()) {
            if (batch.size() >= limit) {
                break;
            }
            if (message.status() != OutboxMessage.Status.PENDING) {
                continue;
            }
            // Only a subject's oldest pending message, and not while another caller holds it.
            boolean first = seen.add(message.entry().subject());
            if (first && !claimed.contains(message.position()) && !message.nextAttempt().isAfter(now)) {
                claimed.add(message.position());
                batch.add(message);
            }
        }
        return batch;
    }

    private synchronized void keep(OutboxMessage message, Outcome outcome, Instant now) {
        OutboxMessage kept;
        if (outcome instanceof Outcome.Delivered) {
            kept = new OutboxMessage(message.position(), message.entry(), OutboxMessage.Status.DELIVERED,
                    message.attempts() + 1, message.nextAttempt(), message.lastError());
        } else if (outcome instanceof Outcome.Retry retry) {
            kept = new OutboxMessage(message.position(), message.entry(), OutboxMessage.Status.PENDING,
                    message.attempts() + 1, retry.at(), retry.error());
        } else if (outcome instanceof Outcome.Dead dead) {
            kept = new OutboxMessage(message.position(), message.entry(), OutboxMessage.Status.DEAD,
                    message.attempts() + 1, message.nextAttempt(), dead.error());
        } else {
            return;
        }
        messages.put(message.position(), kept);
    }

    @Override
    public synchronized List<OutboxMessage> messagesAbout(SubjectId subject) {
        return messages.values().stream().filter(m -> m.entry().subject().equals(subject)).toList();
    }

    @Override
    public synchronized List<OutboxMessage> deadLetters(int limit) {
        return messages.values().stream().filter(m -> m.status() == OutboxMessage.Status.DEAD).limit(limit).toList();
    }

    @Override
    public synchronized Optional<OutboxMessage> message(long position) {
        return Optional.ofNullable(messages.get(position));
    }

    @Override
    public synchronized boolean replay(long position, Instant now) {
        OutboxMessage message = messages.get(position);
        if (message == null || message.status() != OutboxMessage.Status.DEAD) {
            return false;
        }
        messages.put(position, new OutboxMessage(position, message.entry(), OutboxMessage.Status.PENDING, 0, now, message.lastError()));
        return true;
    }

    @Override
    public synchronized OutboxStats stats() {
        long pending = 0;
        long dead = 0;
        Instant oldest = null;
        for (OutboxMessage message : messages.values()) {
            if (message.status() == OutboxMessage.Status.PENDING) {
                pending++;
                if (oldest == null || message.entry().recordedAt().isBefore(oldest)) {
                    oldest = message.entry().recordedAt();
                }
            } else if (message.status() == OutboxMessage.Status.DEAD) {
                dead++;
            }
        }
        return new OutboxStats(pending, dead, oldest);
    }

    @Override
    public synchronized int purgeDelivered(Instant before) {
        int removed = 0;
        for (Iterator<Map.Entry<Long, OutboxMessage>> it = messages.entrySet().iterator(); it.hasNext();) {
            OutboxMessage message = it.next().getValue();
            if (message.status() == OutboxMessage.Status.DELIVERED && message.entry().recordedAt().isBefore(before)) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }
}
