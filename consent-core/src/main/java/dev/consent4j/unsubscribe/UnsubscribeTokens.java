package dev.consent4j.unsubscribe;

import dev.consent4j.event.SubjectId;
import dev.consent4j.signing.Rejection;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.SigningKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Issues and verifies one-click unsubscribe tokens (RFC 8058): {@code u.<key id>.<payload>.<signature>}
 * in the {@link SignedValues} envelope, format {@code u}. Payload: expiry (8 bytes, epoch seconds),
 * then subject, purpose and channel (each a 1-byte length and UTF-8). The token is the only
 * authority the unsubscribe endpoint needs, so it is signed, scoped and expiring.
 */
public final class UnsubscribeTokens {

    /** The format this version writes and reads. */
    public static final char FORMAT = 'u';

    /** Mail is read long after it is sent; links keep working for this long by default. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private static final int MAX_TOKEN_LENGTH = 600;

    private final SignedValues values;
    private final Clock clock;
    private final Duration validity;

    public UnsubscribeTokens(SigningKeys keys, Clock clock, Duration validity) {
        this.values = new SignedValues(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, but was " + validity);
        }
        this.validity = validity;
    }

    public UnsubscribeTokens(SigningKeys keys, Clock clock) {
        this(keys, clock, DEFAULT_VALIDITY);
    }

    /** A token that stops {@code purpose} on {@code channel} for {@code subject}. */
    public String issue(SubjectId subject, String purpose, String channel) {
        Instant expiresAt = clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
        byte[] subjectBytes = text(subject.toString());
        byte[] purposeBytes = text(purpose);
        byte[] channelBytes = text(channel);
        ByteBuffer payload = ByteBuffer.allocate(8 + 3 + subjectBytes.length + purposeBytes.length + channelBytes.length);
        payload.putLong(expiresAt.getEpochSecond());
        payload.put((byte) subjectBytes.length).put(subjectBytes);
        payload.put((byte) purposeBytes.length).put(purposeBytes);
        payload.put((byte) channelBytes.length).put(channelBytes);
        return values.seal(FORMAT, payload.array());
    }

    /** Verifies a token. Never throws for bad input. */
    public Verified verify(String token) {
        SignedValues.Opened opened = values.open(token, FORMAT, MAX_TOKEN_LENGTH);
        if (!opened.trusted()) {
            return new Verified(null, opened.rejection());
        }
        UnsubscribeToken scope;
        try {
            ByteBuffer in = ByteBuffer.wrap(opened.payload());
            Instant expiresAt = Instant.ofEpochSecond(in.getLong());
            SubjectId subject = SubjectId.parse(read(in));
            String purpose = read(in);
            String channel = read(in);
            if (in.hasRemaining()) {
                return new Verified(null, Rejection.UNREADABLE);
            }
            scope = new UnsubscribeToken(subject, purpose, channel, expiresAt);
        } catch (RuntimeException e) {
            return new Verified(null, Rejection.UNREADABLE);
        }
        if (!scope.expiresAt().isAfter(clock.instant())) {
            return new Verified(null, Rejection.EXPIRED);
        }
        return new Verified(scope, null);
    }

    private static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("too long for an unsubscribe token (255 bytes at most): " + value);
        }
        return bytes;
    }

    private static String read(ByteBuffer in) {
        byte[] bytes = new byte[in.get() & 0xff];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A verified token's scope, or why the token was refused. */
    public record Verified(UnsubscribeToken token, Rejection rejection) {

        public boolean trusted() {
            return token != null;
        }
    }
}
