package dev.consent4j;

import dev.consent4j.event.Topic;
import org.jspecify.annotations.Nullable;

/** A choice the policy does not allow; nothing was recorded. */
public class InvalidChoiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Topic topic;

    public InvalidChoiceException(@Nullable Topic topic, String message) {
        super(message);
        this.topic = topic;
    }

    /** The offending topic, or {@code null} when the request as a whole was wrong. */
    public @Nullable Topic topic() {
        return topic;
    }
}
