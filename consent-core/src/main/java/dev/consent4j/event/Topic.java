package dev.consent4j.event;

import dev.consent4j.LogSafe;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a consent event or decision is about: a purpose, a purpose on one contact channel, or a
 * cookie category.
 *
 * <p>The string form, used in stores and exports, is {@code purpose:newsletter},
 * {@code purpose:newsletter:email} or {@code category:analytics}.
 */
public record Topic(Kind kind, String id, @Nullable String channel) {

    /** The three kinds of topic. */
    public enum Kind {
        PURPOSE("purpose"), CONTACT("purpose"), CATEGORY("category");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public Topic {
        Objects.requireNonNull(kind, "kind");
        requireId(id, "id");
        if (kind == Kind.CONTACT) {
            requireId(channel, "channel");
        } else if (channel != null) {
            throw new IllegalArgumentException("only a contact topic has a channel, but " + kind + " had " + LogSafe.quote(channel));
        }
    }

    public static Topic purpose(String purposeId) {
        return new Topic(Kind.PURPOSE, purposeId, null);
    }

    public static Topic contact(String purposeId, String channel) {
        return new Topic(Kind.CONTACT, purposeId, channel);
    }

    public static Topic category(String categoryId) {
        return new Topic(Kind.CATEGORY, categoryId, null);
    }

    /** Parses the string form; see the class comment. */
    public static Topic parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split(":", -1);
        if (parts.length == 2 && parts[0].equals("purpose")) {
            return purpose(parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("purpose")) {
            return contact(parts[1], parts[2]);
        }
        if (parts.length == 2 && parts[0].equals("category")) {
            return category(parts[1]);
        }
        throw new IllegalArgumentException(
                "a topic looks like 'purpose:<id>', 'purpose:<id>:<channel>' or 'category:<id>', but was " + LogSafe.quote(text));
    }

    /** For a contact topic, the purpose it belongs to; otherwise this topic. */
    public Topic purposeTopic() {
        return kind == Kind.CONTACT ? purpose(id) : this;
    }

    @Override
    public String toString() {
        return kind == Kind.CONTACT ? kind.prefix + ":" + id + ":" + channel : kind.prefix + ":" + id;
    }

    // A loop rather than chars().allMatch(): topics are built for every cookie the filter reads.
    private static boolean allIdChars(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isIdChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireId(@Nullable String value, String name) {
        if (value == null || value.isEmpty() || value.length() > 64 || !allIdChars(value)) {
            throw new IllegalArgumentException(
                    name + " must be 1 to 64 characters of a-z, 0-9, '-', '_' or '.', but was " + LogSafe.quote(value));
        }
    }

    private static boolean isIdChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
    }
}
