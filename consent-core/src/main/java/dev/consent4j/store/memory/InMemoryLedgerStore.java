package dev.consent4j.store.memory;

import dev.consent4j.event.SubjectId;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.RequestStep;
import dev.consent4j.request.RequestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Provision records, receipts and personal requests in memory: for tests and demos only, since
 * nothing survives a restart. Thread-safe.
 */
public final class InMemoryLedgerStore implements ProvisionStore, RequestStore {

    private final List<ProvisionRecord> provisions = new ArrayList<>();
    private final List<ReceiptRecord> receipts = new ArrayList<>();
    private final List<dev.consent4j.provision.NotificationRecord> notifications = new ArrayList<>();
    private final Map<UUID, PersonalRequest> requests = new LinkedHashMap<>();

    @Override
    public synchronized void append(ProvisionRecord record) {
        if (provisions.stream().anyMatch(r -> r.id().equals(record.id()))) {
            throw new IllegalArgumentException("provision record " + record.id() + " is already stored");
        }
        provisions.add(record);
    }

    @Override
    public synchronized void append(ReceiptRecord record) {
        if (receipts.stream().anyMatch(r -> r.id().equals(record.id()))) {
            throw new IllegalArgumentException("receipt record " + record.id() + " is already stored");
        }
        receipts.add(record);
    }

    @Override
    public synchronized void append(dev.consent4j.provision.NotificationRecord record) {
        boolean known = notifications.stream().anyMatch(n -> n.recipient().equals(record.recipient())
                && n.messageKey().equals(record.messageKey()));
        if (!known) {
            notifications.add(record);
        }
    }

    @Override
    public synchronized List<dev.consent4j.provision.NotificationRecord> notificationsAbout(SubjectId subject) {
        return notifications.stream().filter(n -> n.subject().equals(subject))
                .sorted(Comparator.comparing(dev.consent4j.provision.NotificationRecord::notifiedAt)).toList();
    }

    @Override
    public synchronized List<ProvisionRecord> provisionsAbout(SubjectId subject) {
        return provisions.stream().filter(r -> r.covers(subject))
                .sorted(Comparator.comparing(ProvisionRecord::firstProvidedAt)).toList();
    }

    @Override
    public synchronized List<ProvisionRecord> provisionsTo(String recipient) {
        return provisions.stream().filter(r -> r.recipient().equals(recipient))
                .sorted(Comparator.comparing(ProvisionRecord::firstProvidedAt)).toList();
    }

    @Override
    public synchronized List<ReceiptRecord> receiptsAbout(SubjectId subject) {
        return receipts.stream().filter(r -> r.subjects().contains(subject))
                .sorted(Comparator.comparing(ReceiptRecord::receivedAt)).toList();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = provisions.size() + receipts.size();
        provisions.removeIf(r -> r.keepUntil().isBefore(now));
        receipts.removeIf(r -> r.keepUntil().isBefore(now));
        return before - provisions.size() - receipts.size();
    }

    @Override
    public synchronized void create(PersonalRequest request) {
        if (requests.putIfAbsent(request.id(), request) != null) {
            throw new IllegalArgumentException("request " + request.id() + " is already stored");
        }
    }

    @Override
    public synchronized void addStep(UUID requestId, RequestStep step) {
        PersonalRequest request = requests.get(requestId);
        if (request == null) {
            throw new IllegalArgumentException("no request " + requestId);
        }
        requests.put(requestId, request.with(step));
    }

    @Override
    public synchronized Optional<PersonalRequest> find(UUID requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public synchronized List<PersonalRequest> bySubject(SubjectId subject) {
        return requests.values().stream().filter(r -> r.subject().equals(subject))
                .sorted(Comparator.comparing(PersonalRequest::receivedAt)).toList();
    }

    @Override
    public synchronized List<PersonalRequest> open() {
        return requests.values().stream().filter(PersonalRequest::open)
                .sorted(Comparator.comparing(PersonalRequest::receivedAt)).toList();
    }
}
