package dev.consent4j.request;

import dev.consent4j.event.SubjectId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where personal requests are kept. Steps are only ever added, never changed. Implementations:
 * {@code store.memory.InMemoryLedgerStore} and {@code store.jdbc.JdbcLedgerStore}.
 */
public interface RequestStore {

    /** Stores a new request with its first step, durably. */
    void create(PersonalRequest request);

    /** Adds a step to a stored request, durably; fails if the request is unknown. */
    void addStep(UUID requestId, RequestStep step);

    Optional<PersonalRequest> find(UUID requestId);

    /** A person's requests, oldest first. */
    List<PersonalRequest> bySubject(SubjectId subject);

    /** Requests not yet done or refused, oldest first. */
    List<PersonalRequest> open();
}
