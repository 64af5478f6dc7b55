package dev.consent4j.event;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who acted: the person themselves, their guardian, or an operator acting for them (with the
 * operator's id, so the record shows who entered it).
 */
public record Actor(Kind kind, @Nullable String operatorId) {

    /** The three kinds of actor. */
    public enum Kind {
        SELF, GUARDIAN, OPERATOR
    }

    public static final Actor SELF = new Actor(Kind.SELF, null);
    public static final Actor GUARDIAN = new Actor(Kind.GUARDIAN, null);

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.OPERATOR && (operatorId == null || operatorId.isBlank())) {
            throw new IllegalArgumentException("an operator actor needs the operator's id");
        }
        if (kind != Kind.OPERATOR && operatorId != null) {
            throw new IllegalArgumentException("only an operator actor has an operator id, but " + kind + " had one");
        }
    }

    public static Actor operator(String operatorId) {
        return new Actor(Kind.OPERATOR, operatorId);
    }
}
