package dev.consent4j;

import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentState;
import java.util.List;

/**
 * What {@link ConsentManager#record(ChoiceRequest, dev.consent4j.state.Signals)} answers, from the
 * one read of the subject's latest events that recording makes.
 *
 * @param state         the subject's new state under the signals given: the decisions and archived
 *                      choices {@link ConsentManager#state} would answer
 * @param latestChoices the subject's latest choice on every topic it has chosen on, as
 *                      {@link dev.consent4j.internal.fold.StateFolder#latestChoices} gives them from the
 *                      whole chain (in no particular order): what a visitor's new cookie is made of
 */
public record Recorded(ConsentState state, List<Choice> latestChoices) {

    public Recorded {
        java.util.Objects.requireNonNull(state, "state");
        latestChoices = List.copyOf(latestChoices);
    }
}
