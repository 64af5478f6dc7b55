package dev.consent4j.state;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A person's latest choice on a topic the policy no longer offers, or on a topic that was removed
 * after the choice and added back later. It decides nothing: it is kept as evidence, in the
 * history and the export, but is no decision of the state and never comes back to life.
 *
 * @param removedIn the version whose revision removed the topic, or {@code null} when the history
 *                  does not say (the topic is simply no longer declared)
 */
public record ArchivedChoice(Choice choice, @Nullable String removedIn) {

    public ArchivedChoice {
        Objects.requireNonNull(choice, "choice");
    }
}
