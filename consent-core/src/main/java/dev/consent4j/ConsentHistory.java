package dev.consent4j;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.state.ConsentState;
import java.util.List;

/**
 * What a person may ask to see: every event recorded about them (oldest first), the decisions
 * they add up to now, and whether the evidence chain is intact.
 */
public record ConsentHistory(SubjectId subject, List<ConsentEvent> events, ConsentState state,
        ChainVerification chain) {

    public ConsentHistory {
        events = List.copyOf(events);
    }
}
