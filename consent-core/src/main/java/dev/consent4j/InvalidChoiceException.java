package dev.consent4j;

import dev.consent4j.event.Topic;

/** A choice the policy does not allow; nothing was recorded. */
public class InvalidChoiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Topic topic;

    public InvalidChoiceException(Topic topic, String message) {
        super(message);
        this.topic = topic;
    }

    /** The offending topic, or {@code null} when the request as a whole was wrong. */
    public Topic topic() {
        return topic;
    }
}
