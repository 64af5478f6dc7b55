package dev.consent4j.test;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One way a response or a page broke the policy's promises, worded for a failure message.
 *
 * @param kind       what went wrong
 * @param item       the cookie name, storage key or host
 * @param category   the cookie category that declares the item, or {@code null} when none does
 * @param message    the whole sentence, naming the item, its category and the basis involved
 * @param suggestion for an undeclared item, a policy YAML snippet that would declare it; otherwise {@code null}
 */
public record Finding(Kind kind, String item, @Nullable String category, String message, @Nullable String suggestion) {

    /** What went wrong. */
    public enum Kind {
        /** A cookie no cookie category declares. */
        UNDECLARED_COOKIE,
        /** A cookie of a category the visitor's state does not allow. */
        COOKIE_NOT_ALLOWED,
        /** A localStorage key no cookie category declares. */
        UNDECLARED_STORAGE_KEY,
        /** A localStorage key of a category the visitor's state does not allow. */
        STORAGE_KEY_NOT_ALLOWED,
        /** A third-party host no tracker or recipient declares. */
        UNDECLARED_HOST,
        /** A tracker host of a category the visitor's state does not allow. */
        HOST_NOT_ALLOWED,
        /** A cookie that lives longer than the policy lets the consent it rests on last. */
        COOKIE_OUTLIVES_CONSENT
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
