package dev.consent4j.cookie;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SignedValues;
import dev.consent4j.signing.SigningKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and reads the consent cookie's value: {@code 1.<key id>.<payload>.<signature>}, where
 * {@code 1} is the format, the payload is a compact binary record in URL-safe Base64 and the
 * signature is HMAC-SHA256 over everything before it. See {@code COMPATIBILITY.md} for the
 * format.
 *
 * <p>Payload, format 1: visitor id (16 bytes); when the choices were made (8 bytes, epoch
 * seconds); flags (1 byte: bit 0 = linked to a customer); policy version (1-byte length + UTF-8);
 * number of choices (1 byte); per choice: kind and action (1 byte: high nibble 1 = category,
 * 2 = purpose; low nibble the action), topic id (1-byte length + UTF-8).
 *
 * <p>Thread-safe. Decoding never throws for bad input: it answers with a {@link Rejection}.
 * The envelope is {@link SignedValues}'.
 */
public final class ConsentCookieCodec {

    /** The format this version writes. */
    public static final char FORMAT = '1';

    /** No value this codec writes comes close; anything longer is rejected before any work. */
    public static final int MAX_VALUE_LENGTH = 2048;

    /** How far in the future a cookie's time may lie, for clocks that differ between nodes. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int KIND_CATEGORY = 1;
    private static final int KIND_PURPOSE = 2;
    private static final Action[] ACTIONS = {Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT};

    private final SignedValues values;
    private final Duration lifetime;
    /*
     * Topics already built from verified cookies, so that reading one does not validate and
     * allocate the same few ids on every request. Only signed payloads reach it, so its size is
     * bounded by the ids this shop itself ever wrote.
     */
    private final Map<String, Topic> categories = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Topic> purposes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param lifetime how long a cookie is trusted after its choices were made (the policy's
     *                 consent validity, at most what browsers keep: see {@link #MAX_BROWSER_LIFETIME})
     */
    public ConsentCookieCodec(SigningKeys keys, Duration lifetime) {
        this.values = new SignedValues(Objects.requireNonNull(keys, "keys"));
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, but was " + lifetime);
        }
        this.lifetime = lifetime.compareTo(MAX_BROWSER_LIFETIME) > 0 ? MAX_BROWSER_LIFETIME : lifetime;
    }

    /** Browsers cap cookie lifetimes at 400 days (RFC 6265bis). */
    public static final Duration MAX_BROWSER_LIFETIME = Duration.ofDays(400);

    /** The lifetime actually used: the one given, capped at 400 days. */
    public Duration lifetime() {
        return lifetime;
    }

    public SigningKeys keys() {
        return values.keys();
    }

    /** The cookie's value, signed with the newest key. */
    public String encode(ConsentCookie cookie) {
        byte[] version = utf8(cookie.policyVersion(), "policy version");
        ByteBuffer payload = ByteBuffer.allocate(16 + 8 + 1 + 1 + version.length + 1
                + cookie.choices().size() * (2 + ConsentCookie.MAX_TEXT_BYTES));
        payload.put(HexFormat.of().parseHex(cookie.visitor().value()));
        payload.putLong(cookie.madeAt().getEpochSecond());
        payload.put((byte) (cookie.linkedToCustomer() ? 1 : 0));
        payload.put((byte) version.length).put(version);
        payload.put((byte) cookie.choices().size());
        for (Map.Entry<Topic, Action> choice : cookie.choices().entrySet()) {
            Topic topic = choice.getKey();
            int kind = topic.kind() == Topic.Kind.CATEGORY ? KIND_CATEGORY : KIND_PURPOSE;
            payload.put((byte) (kind << 4 | actionCode(choice.getValue())));
            byte[] id = utf8(topic.id(), "topic id");
            payload.put((byte) id.length).put(id);
        }
        return values.seal(FORMAT, java.util.Arrays.copyOf(payload.array(), payload.position()));
    }

    /** Reads and verifies a cookie value. Never throws for bad input. */
    public Result decode(String value, Instant now) {
        SignedValues.Opened opened = values.open(value, FORMAT, MAX_VALUE_LENGTH);
        if (!opened.trusted()) {
            return Result.rejected(opened.rejection());
        }
        ConsentCookie cookie = read(opened.payload());
        if (cookie == null) {
            return Result.rejected(Rejection.UNREADABLE);
        }
        if (cookie.madeAt().isAfter(now.plus(CLOCK_SKEW))) {
            return Result.rejected(Rejection.FROM_THE_FUTURE);
        }
        if (!cookie.madeAt().plus(lifetime).isAfter(now)) {
            return Result.rejected(Rejection.EXPIRED);
        }
        return new Result(cookie, null, opened.signedWithOlderKey());
    }

    private ConsentCookie read(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte[] visitor = new byte[16];
            in.get(visitor);
            long madeAt = in.getLong();
            byte flags = in.get();
            String version = text(in);
            int count = in.get() & 0xff;
            Map<Topic, Action> choices = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                int code = in.get() & 0xff;
                int kind = code >>> 4;
                int action = code & 0x0f;
                String id = text(in);
                if (action >= ACTIONS.length || (kind != KIND_CATEGORY && kind != KIND_PURPOSE)) {
                    return null;
                }
                choices.put(kind == KIND_CATEGORY ? categories.computeIfAbsent(id, Topic::category)
                        : purposes.computeIfAbsent(id, Topic::purpose), ACTIONS[action]);
            }
            if (in.hasRemaining()) {
                return null;
            }
            return new ConsentCookie(SubjectId.visitor(HexFormat.of().formatHex(visitor)), version,
                    Instant.ofEpochSecond(madeAt), choices, (flags & 1) != 0);
        } catch (RuntimeException e) {
            // Buffer underflow, an id the Topic record refuses, a time out of range.
            return null;
        }
    }

    private static String text(ByteBuffer in) {
        int length = in.get() & 0xff;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int actionCode(Action action) {
        for (int i = 0; i < ACTIONS.length; i++) {
            if (ACTIONS[i] == action) {
                return i;
            }
        }
        throw new IllegalArgumentException("the consent cookie cannot hold the action " + action);
    }

    private static byte[] utf8(String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ConsentCookie.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + ConsentCookie.MAX_TEXT_BYTES
                    + " bytes and cannot go in the consent cookie: " + text);
        }
        return bytes;
    }

    /**
     * The outcome of {@link #decode}: a trusted cookie, or why the value was rejected.
     *
     * @param signedWithOlderKey whether a key other than the newest signed it, so it should be re-issued
     */
    public record Result(ConsentCookie cookie, Rejection rejection, boolean signedWithOlderKey) {

        static Result rejected(Rejection rejection) {
            return new Result(null, rejection, false);
        }

        public boolean trusted() {
            return cookie != null;
        }
    }
}
