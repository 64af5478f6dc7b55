package dev.consent4j.cookie;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.Arguments;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Choice;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the consent cookie's value: {@code <format>.<key id>.<payload>.<signature>},
 * where the format is one character, the payload is a compact binary record in URL-safe Base64
 * and the signature is HMAC-SHA256 over everything before it. This version writes format
 * {@code 2} and still reads format {@code 1}. See {@code COMPATIBILITY.md}.
 *
 * <p>Payload, format 2: visitor id (16 bytes); when the cookie was issued (8 bytes, epoch seconds,
 * big-endian); flags (1 byte: bit 0 = linked to a customer, the other bits 0); number of policy
 * versions (1 byte), then each version (1-byte length + UTF-8); number of choices (1 byte), then
 * per choice: one byte (bits 7–6 the kind: 1 category, 2 purpose; bits 5–4 the actor: 0 self,
 * 1 guardian, 2 operator; bits 3–0 the action: 0 grant, 1 deny, 2 withdraw, 3 object), the index
 * of its policy version in the table (1 byte), how many seconds before the cookie's time it was
 * made (unsigned LEB128 varint, at most 9 bytes), the topic id (1-byte length + UTF-8).
 *
 * <p>Format 2 has exactly one encoding per {@link ConsentCookie}; a payload that is not that
 * encoding is refused as {@link Rejection#UNREADABLE}, even when signed: choices in the
 * cookie's order (categories, then purposes, each by id) with no topic twice, the version table
 * without repeats, in order of first use and with every entry used, varints in their shortest
 * form, UTF-8 well formed, unused flag bits 0, nothing after the last choice.
 *
 * <p>Payload, format 1 (read only): visitor id (16 bytes); when the choices were made (8 bytes,
 * epoch seconds); flags (1 byte: bit 0 = linked to a customer); policy version (1-byte length +
 * UTF-8); number of choices (1 byte); per choice: kind and action (1 byte: high nibble 1 =
 * category, 2 = purpose; low nibble the action), topic id (1-byte length + UTF-8). Every choice
 * gets the cookie's version and time and the actor {@link Actor.Kind#SELF self}.
 *
 * <p>Lifetime: the cookie is trusted until {@link #lifetime()} after its time ({@link
 * ConsentCookie#madeAt()}), which for format 2 is when it was issued and for format 1 when its
 * choices were made; the same time sets the cookie's {@code Max-Age}. Whether each choice still
 * counts is for the fold to decide from the choice's own time, as for stored choices: a grant
 * older than the consent validity is expired, a refusal stands.
 *
 * <p>Thread-safe. Decoding never throws for bad input: it answers with a {@link Rejection}.
 * The envelope is {@link SignedValues}'.
 */
public final class ConsentCookieCodec {

    /** The format this version writes. */
    public static final char FORMAT = '2';

    /** The first format, still read: one policy version and one time for all choices. */
    static final char FORMAT_1 = '1';

    /** No value this codec writes comes close; anything longer is rejected before any work. */
    public static final int MAX_VALUE_LENGTH = 2048;

    /** How far in the future a cookie's time may lie, for clocks that differ between nodes. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int KIND_CATEGORY = 1;
    private static final int KIND_PURPOSE = 2;
    private static final int FLAG_LINKED = 1;
    private static final Action[] ACTIONS = {Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT};
    private static final Actor.Kind[] ACTORS = {Actor.Kind.SELF, Actor.Kind.GUARDIAN, Actor.Kind.OPERATOR};
    /** A varint of at most 9 bytes holds 63 bits: every non-negative long. */
    private static final int MAX_VARINT_BYTES = 9;

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
     * @param lifetime how long a cookie is trusted after its time (the policy's consent validity,
     *                 at most what browsers keep: see {@link #MAX_BROWSER_LIFETIME})
     */
    public ConsentCookieCodec(SigningKeys keys, Duration lifetime) {
        this.values = new SignedValues(Objects.requireNonNull(keys, "keys"));
        Arguments.positive("lifetime", lifetime);
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

    /**
     * The cookie's value in the current format, signed with the newest key.
     *
     * @throws IllegalArgumentException when a policy version is longer than 255 bytes in UTF-8
     */
    public String encode(ConsentCookie cookie) {
        List<Choice> choices = cookie.choices();
        List<byte[]> versions = new ArrayList<>();
        Map<String, Integer> versionIndex = new HashMap<>();
        for (Choice choice : choices) {
            if (!versionIndex.containsKey(choice.policyVersion())) {
                versionIndex.put(choice.policyVersion(), versions.size());
                versions.add(utf8(choice.policyVersion(), "policy version"));
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(64 + choices.size() * 16);
        payload.writeBytes(HexFormat.of().parseHex(cookie.visitor().value()));
        long madeAt = cookie.madeAt().getEpochSecond();
        payload.writeBytes(ByteBuffer.allocate(8).putLong(madeAt).array());
        payload.write(cookie.linkedToCustomer() ? FLAG_LINKED : 0);
        payload.write(versions.size());
        for (byte[] version : versions) {
            payload.write(version.length);
            payload.writeBytes(version);
        }
        payload.write(choices.size());
        for (Choice choice : choices) {
            Topic topic = choice.topic();
            int kind = topic.kind() == Topic.Kind.CATEGORY ? KIND_CATEGORY : KIND_PURPOSE;
            payload.write(kind << 6 | actorCode(choice.actor()) << 4 | actionCode(choice.action()));
            payload.write(Objects.requireNonNull(versionIndex.get(choice.policyVersion())));
            writeVarint(payload, madeAt - choice.at().getEpochSecond());
            byte[] id = utf8(topic.id(), "topic id");
            payload.write(id.length);
            payload.writeBytes(id);
        }
        return values.seal(FORMAT, payload.toByteArray());
    }

    /** Reads and verifies a cookie value of the current or an older format. Never throws for bad input. */
    public Result decode(@Nullable String value, Instant now) {
        char format = value != null && !value.isEmpty() && value.charAt(0) == FORMAT_1 ? FORMAT_1 : FORMAT;
        SignedValues.Opened opened = values.open(value, format, MAX_VALUE_LENGTH);
        byte[] payload = opened.payload();
        if (payload == null) {
            return Result.rejected(opened.rejection());
        }
        ConsentCookie cookie = format == FORMAT_1 ? readFormat1(payload) : read(payload);
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

    /** A format-2 payload, or {@code null} when it is not the one encoding of a cookie. */
    private @Nullable ConsentCookie read(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            SubjectId visitor = visitor(bytes);
            in.position(16);
            Instant madeAt = Instant.ofEpochSecond(in.getLong());
            int flags = in.get() & 0xff;
            if ((flags & ~FLAG_LINKED) != 0) {
                return null;
            }
            int versionCount = in.get() & 0xff;
            String[] versions = new String[versionCount];
            for (int i = 0; i < versionCount; i++) {
                String version = strictText(in);
                if (version == null || Arrays.asList(versions).subList(0, i).contains(version)) {
                    return null;
                }
                versions[i] = version;
            }
            int count = in.get() & 0xff;
            if (versionCount > count) {
                return null; // some version would go unused
            }
            Choice[] choices = new Choice[count];
            int versionsUsed = 0;
            Topic previous = null;
            for (int i = 0; i < count; i++) {
                int code = in.get() & 0xff;
                int kind = code >>> 6;
                int actor = code >>> 4 & 0x03;
                int action = code & 0x0f;
                if (kind != KIND_CATEGORY && kind != KIND_PURPOSE || actor >= ACTORS.length || action >= ACTIONS.length) {
                    return null;
                }
                int version = in.get() & 0xff;
                if (version > versionsUsed || version >= versionCount) {
                    return null; // versions are listed in the order choices first use them
                }
                if (version == versionsUsed) {
                    versionsUsed++;
                }
                long age = readVarint(in);
                if (age < 0) {
                    return null;
                }
                Topic topic = topic(kind, in);
                if (previous != null && ConsentCookie.ORDER.compare(previous, topic) >= 0) {
                    return null; // out of order, or the same topic twice
                }
                previous = topic;
                choices[i] = new Choice(topic, ACTIONS[action], age == 0 ? madeAt : madeAt.minusSeconds(age),
                        versions[version], ACTORS[actor], null);
            }
            if (in.hasRemaining() || versionsUsed != versionCount) {
                return null;
            }
            return new ConsentCookie(visitor, madeAt, Arrays.asList(choices), (flags & FLAG_LINKED) != 0);
        } catch (RuntimeException e) {
            // Buffer underflow, an id the Topic record refuses, a time out of range.
            return null;
        }
    }

    /** A format-1 payload, read as before format 2: leniently, as the cookies already out there were written. */
    private @Nullable ConsentCookie readFormat1(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            SubjectId visitor = visitor(bytes);
            in.position(16);
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
                choices.put(topic(kind, id), ACTIONS[action]);
            }
            if (in.hasRemaining()) {
                return null;
            }
            return ConsentCookie.of(visitor, version, Instant.ofEpochSecond(madeAt), choices,
                    (flags & FLAG_LINKED) != 0);
        } catch (RuntimeException e) {
            // Buffer underflow, an id the Topic record refuses, a time out of range.
            return null;
        }
    }

    private Topic topic(int kind, String id) {
        return kind == KIND_CATEGORY ? categories.computeIfAbsent(id, Topic::category)
                : purposes.computeIfAbsent(id, Topic::purpose);
    }

    /** The topic whose id comes next in {@code in} (1-byte length + UTF-8), read in place. */
    private Topic topic(int kind, ByteBuffer in) {
        int length = in.get() & 0xff;
        int at = in.position();
        in.position(at + length); // throws past the end, before any text is made
        return topic(kind, new String(in.array(), at, length, StandardCharsets.UTF_8));
    }

    /** The visitor id: the payload's first 16 bytes in lower-case hex. */
    private static SubjectId visitor(byte[] payload) {
        return SubjectId.visitor(HexFormat.of().formatHex(payload, 0, 16));
    }

    private static String text(ByteBuffer in) {
        int length = in.get() & 0xff;
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** UTF-8 text that encodes back to the same bytes, else {@code null}. */
    private static @Nullable String strictText(ByteBuffer in) {
        int length = in.get() & 0xff;
        int at = in.position();
        in.position(at + length); // throws past the end, before any text is made
        byte[] bytes = in.array();
        boolean ascii = true;
        for (int i = at; i < at + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, at, length, StandardCharsets.US_ASCII); // ASCII has one spelling
        }
        String text = new String(bytes, at, length, StandardCharsets.UTF_8);
        // The whole re-encoding, not its first length bytes: a truncated sequence at the end decodes
        // to U+FFFD, whose three bytes begin with the one that was there.
        byte[] again = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(again, 0, again.length, bytes, at, at + length) ? text : null;
    }

    /** Writes a non-negative number in 7-bit groups, lowest first; the high bit says more follow. */
    static void writeVarint(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a varint is not negative: " + value);
        }
        long rest = value;
        while (rest >= 0x80) {
            out.write((int) (rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /** Reads a varint in its shortest form; -1 for a longer form or one past 63 bits. */
    static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = in.get() & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return b == 0 && i > 0 ? -1 : value;
            }
        }
        return -1;
    }

    private static int actionCode(Action action) {
        for (int i = 0; i < ACTIONS.length; i++) {
            if (ACTIONS[i] == action) {
                return i;
            }
        }
        throw new IllegalArgumentException("the consent cookie cannot hold the action " + action);
    }

    private static int actorCode(Actor.Kind actor) {
        for (int i = 0; i < ACTORS.length; i++) {
            if (ACTORS[i] == actor) {
                return i;
            }
        }
        throw new IllegalArgumentException("the consent cookie cannot hold the actor " + actor);
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
    public record Result(@Nullable ConsentCookie cookie, @Nullable Rejection rejection, boolean signedWithOlderKey) {

        static Result rejected(@Nullable Rejection rejection) {
            return new Result(null, rejection, false);
        }

        public boolean trusted() {
            return cookie != null;
        }
    }
}
