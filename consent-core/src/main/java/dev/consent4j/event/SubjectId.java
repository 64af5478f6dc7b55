package dev.consent4j.event;

import dev.consent4j.LogSafe;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Whose consent it is: an anonymous visitor (a random 128-bit id carried in the consent cookie)
 * or a customer (the shop's own account id).
 *
 * <p>The string form is {@code v:<32 hex digits>} for visitors and {@code c:<customer id>} for
 * customers, so the two can never collide in a store.
 */
public record SubjectId(Kind kind, String value) {

    /** Visitor or customer. */
    public enum Kind {
        VISITOR('v'), CUSTOMER('c');

        private final char prefix;

        Kind(char prefix) {
            this.prefix = prefix;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CUSTOMER_ID_LENGTH = 128;

    public SubjectId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (kind == Kind.VISITOR && !isVisitorId(value)) {
            throw new IllegalArgumentException("a visitor id is 32 lower-case hex digits, but was " + LogSafe.quote(value));
        }
        if (kind == Kind.CUSTOMER && (value.isEmpty() || value.length() > MAX_CUSTOMER_ID_LENGTH || hasControl(value))) {
            throw new IllegalArgumentException(
                    "a customer id is 1 to " + MAX_CUSTOMER_ID_LENGTH + " printable characters, but was " + LogSafe.quote(value));
        }
    }

    /**
     * Stands for a visitor who has no consent cookie yet, so has chosen nothing: what the filter
     * and the banner's defaults decide for. Never stored.
     */
    public static final SubjectId UNDECIDED_VISITOR = visitor("00000000000000000000000000000000");

    /** A new random visitor id (128 bits from {@link SecureRandom}). */
    public static SubjectId newVisitor() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new SubjectId(Kind.VISITOR, java.util.HexFormat.of().formatHex(bytes));
    }

    public static SubjectId visitor(String hex) {
        return new SubjectId(Kind.VISITOR, hex);
    }

    public static SubjectId customer(String customerId) {
        return new SubjectId(Kind.CUSTOMER, customerId);
    }

    /** Parses the string form, {@code v:…} or {@code c:…}. */
    public static SubjectId parse(String text) {
        if (text != null && text.length() > 2 && text.charAt(1) == ':') {
            switch (text.charAt(0)) {
                case 'v':
                    return visitor(text.substring(2));
                case 'c':
                    return customer(text.substring(2));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("a subject id looks like 'v:<hex>' or 'c:<id>', but was " + LogSafe.quote(text));
    }

    public boolean isVisitor() {
        return kind == Kind.VISITOR;
    }

    public boolean isCustomer() {
        return kind == Kind.CUSTOMER;
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + value;
    }

    private static boolean isVisitorId(String value) {
        if (value.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
