package dev.consent4j.request;

import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person's request about their data, with every step it went through.
 *
 * @param targets the purposes (stop of use), recipients (stop of provision; empty for all third
 *                parties) or, for a correction, the id of the event to correct and the corrected
 *                action, e.g. {@code [<event id>, WITHDRAW]}
 * @param dueAt   when the answer is due under the jurisdiction's deadline
 * @param steps   oldest first; the first is always {@link RequestStatus#RECEIVED}
 */
public record PersonalRequest(UUID id, SubjectId subject, RequestKind kind, List<String> targets, @Nullable String details,
        String jurisdiction, Instant receivedAt, Instant dueAt, List<RequestStep> steps) {

    public PersonalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        targets = List.copyOf(targets);
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(0).status() != RequestStatus.RECEIVED) {
            throw new IllegalArgumentException("a request's first step is RECEIVED");
        }
    }

    public RequestStatus status() {
        return steps.get(steps.size() - 1).status();
    }

    public boolean open() {
        return status().open();
    }

    /** Open past its due date. */
    public boolean overdue(Instant now) {
        return open() && now.isAfter(dueAt);
    }

    /** When it was done or refused. */
    public Optional<Instant> resolvedAt() {
        return open() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1).at());
    }

    /** How the person's identity was verified, once it was. */
    public Optional<RequestStep> verification() {
        return steps.stream().filter(step -> step.status() == RequestStatus.IDENTITY_VERIFIED).findFirst();
    }

    /** This request with one more step. */
    public PersonalRequest with(RequestStep step) {
        List<RequestStep> more = new java.util.ArrayList<>(steps);
        more.add(step);
        return new PersonalRequest(id, subject, kind, targets, details, jurisdiction, receivedAt, dueAt, more);
    }
}
