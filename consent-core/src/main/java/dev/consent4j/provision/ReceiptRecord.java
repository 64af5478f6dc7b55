package dev.consent4j.provision;

import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A record of personal data received from a third party, with the provider's confirmed provenance (APPI art. 30). */
public record ReceiptRecord(UUID id, Provenance provenance, List<SubjectId> subjects, List<String> dataItems,
        Instant receivedAt, Instant keepUntil) {

    public ReceiptRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provenance, "provenance");
        subjects = List.copyOf(subjects);
        dataItems = List.copyOf(dataItems);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(keepUntil, "keepUntil");
    }
}
