package dev.consent4j.state;

import dev.consent4j.policy.Jurisdiction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about the request or the person besides their recorded choices.
 *
 * @param jurisdiction where the person is
 * @param gpc          whether the request carried {@code Sec-GPC: 1}
 * @param age          the person's age in years when the shop knows it, otherwise {@code null}
 */
public record Signals(Jurisdiction jurisdiction, boolean gpc, @Nullable Integer age) {

    public Signals {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (age != null && (age < 0 || age > 150)) {
            throw new IllegalArgumentException("age must be between 0 and 150, but was " + age);
        }
    }

    public static Signals of(Jurisdiction jurisdiction) {
        return new Signals(jurisdiction, false, null);
    }

    public Signals withGpc(boolean gpc) {
        return new Signals(jurisdiction, gpc, age);
    }

    public Signals withAge(@Nullable Integer age) {
        return new Signals(jurisdiction, gpc, age);
    }
}
