package dev.consent4j.provision;

import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A record of personal data (or personally referable information) given to a third party, as APPI
 * art. 29 asks the provider to keep: who received it, about whom, which items, on what ground and
 * when. One record may cover many people and, for a continuous provision, a period.
 *
 * @param kind      {@link Kind#RELATED_INFO} when every item given is personally referable
 *                  information (art. 31), {@link Kind#PERSONAL_DATA} otherwise
 * @param keepUntil the end of the retention the law sets, counted from the last provision
 */
public record ProvisionRecord(UUID id, String recipient, Kind kind, Ground ground, List<Entry> entries,
        List<String> dataItems, Instant firstProvidedAt, Instant lastProvidedAt, Instant keepUntil) {

    /** What was given. */
    public enum Kind {
        PERSONAL_DATA, RELATED_INFO
    }

    /** Why giving it was lawful. */
    public enum Ground {
        CONSENT, OPT_OUT
    }

    /**
     * One person the record covers.
     *
     * @param basisEvent the consent event the provision rests on; {@code null} under an opt-out route
     */
    public record Entry(SubjectId subject, @Nullable EventId basisEvent) {
        public Entry {
            Objects.requireNonNull(subject, "subject");
        }
    }

    public ProvisionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ground, "ground");
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a provision record covers at least one person");
        }
        dataItems = List.copyOf(dataItems);
        if (dataItems.isEmpty()) {
            throw new IllegalArgumentException("a provision record names the data items given");
        }
        Objects.requireNonNull(firstProvidedAt, "firstProvidedAt");
        Objects.requireNonNull(lastProvidedAt, "lastProvidedAt");
        if (lastProvidedAt.isBefore(firstProvidedAt)) {
            throw new IllegalArgumentException("the last provision cannot come before the first");
        }
        Objects.requireNonNull(keepUntil, "keepUntil");
    }

    public boolean bulk() {
        return entries.size() > 1 || !firstProvidedAt.equals(lastProvidedAt);
    }

    public boolean covers(SubjectId subject) {
        return entries.stream().anyMatch(entry -> entry.subject().equals(subject));
    }
}
