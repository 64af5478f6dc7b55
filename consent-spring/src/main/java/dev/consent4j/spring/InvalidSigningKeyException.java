package dev.consent4j.spring;

/**
 * Thrown at start when a {@code consent.signing.keys} entry cannot be used. The message names the
 * property and what is wrong, never the secret.
 */
public class InvalidSigningKeyException extends RuntimeException {

    private final String property;
    private final String problem;

    public InvalidSigningKeyException(String property, String problem) {
        super(property + ": " + problem);
        this.property = property;
        this.problem = problem;
    }

    /** The property at fault, e.g. {@code consent.signing.keys[0].secret}. */
    public String property() {
        return property;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
