package dev.consent4j.unsubscribe;

import dev.consent4j.event.SubjectId;
import dev.consent4j.internal.signing.ExpiringTokens;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

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

    private final ExpiringTokens tokens;

    public UnsubscribeTokens(SigningKeys keys, Clock clock, Duration validity) {
        this.tokens = new ExpiringTokens(keys, clock, validity);
    }

    public UnsubscribeTokens(SigningKeys keys, Clock clock) {
        this(keys, clock, DEFAULT_VALIDITY);
    }

    /** A token that stops {@code purpose} on {@code channel} for {@code subject}. */
    public String issue(SubjectId subject, String purpose, String channel) {
        Instant expiresAt = tokens.expiryFromNow();
        byte[] subjectBytes = text(subject.toString());
        byte[] purposeBytes = text(purpose);
        byte[] channelBytes = text(channel);
        ByteBuffer payload = ByteBuffer.allocate(8 + 3 + subjectBytes.length + purposeBytes.length + channelBytes.length);
        payload.putLong(expiresAt.getEpochSecond());
        payload.put((byte) subjectBytes.length).put(subjectBytes);
        payload.put((byte) purposeBytes.length).put(purposeBytes);
        payload.put((byte) channelBytes.length).put(channelBytes);
        return tokens.seal(FORMAT, payload.array());
    }

    /** Verifies a token. Never throws for bad input. */
    public Verified verify(String token) {
        ExpiringTokens.Verified<UnsubscribeToken> verified = tokens.verify(token, FORMAT, MAX_TOKEN_LENGTH,
                UnsubscribeTokens::read, UnsubscribeToken::expiresAt);
        return new Verified(verified.token(), verified.rejection());
    }

    private static UnsubscribeToken read(ByteBuffer in) {
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        SubjectId subject = SubjectId.parse(ExpiringTokens.readText(in));
        String purpose = ExpiringTokens.readText(in);
        String channel = ExpiringTokens.readText(in);
        return new UnsubscribeToken(subject, purpose, channel, expiresAt);
    }

    private static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("too long for an unsubscribe token (255 bytes at most): " + value);
        }
        return bytes;
    }

    /** A verified token's scope, or why the token was refused. */
    public record Verified(@Nullable UnsubscribeToken token, @Nullable Rejection rejection) {

        public boolean trusted() {
            return token != null;
        }
    }
}
