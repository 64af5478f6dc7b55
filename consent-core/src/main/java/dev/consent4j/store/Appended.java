package dev.consent4j.store;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import java.util.List;
import java.util.Map;

/**
 * What {@link ConsentStore#appendReadingLatest} answers.
 *
 * @param stored the events as stored, as {@link ConsentStore#append} returns them
 * @param latest per subject of the append, its latest event on every topic it has events on,
 *               as the append left them
 */
public record Appended(List<ConsentEvent> stored, Map<SubjectId, List<ConsentEvent>> latest) {

    public Appended {
        stored = List.copyOf(stored);
        latest = Map.copyOf(latest);
    }

    /** The subject's latest events after the append; empty for a subject the append did not touch. */
    public List<ConsentEvent> latest(SubjectId subject) {
        return latest.getOrDefault(subject, List.of());
    }
}
