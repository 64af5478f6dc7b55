package dev.consent4j;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.state.ConsentState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a person may ask to see: every event recorded about them (oldest first), the decisions
 * they add up to now, and whether the evidence chain is intact. The subject and the chain are
 * {@code null} for someone nothing is recorded about yet (a visitor without a consent cookie).
 */
public record ConsentHistory(@Nullable SubjectId subject, List<ConsentEvent> events, ConsentState state,
        @Nullable ChainVerification chain) {

    public ConsentHistory {
        events = List.copyOf(events);
    }
}
