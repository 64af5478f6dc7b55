package dev.consent4j.internal;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/** The checks the builders apply to their settings, with one wording for each kind of mistake. */
public final class Arguments {

    private Arguments() {
    }

    /** {@code value}, which must be given and longer than zero. */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    /** {@code value}, which must be given and longer than zero. */
    public static Period positive(String name, Period value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + value);
        }
        return value;
    }

    /** {@code value}, which must be 1 or more. */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
        }
        return value;
    }
}
