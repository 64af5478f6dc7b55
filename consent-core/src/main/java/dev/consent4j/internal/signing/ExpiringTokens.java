package dev.consent4j.internal.signing;

import dev.consent4j.internal.Arguments;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The part every expiring token of consent4j shares (the unsubscribe links, the guardian-consent
 * links): the {@link SignedValues} envelope, a validity counted from the clock in whole seconds,
 * and a verification that never throws: a payload that does not read exactly is
 * {@link Rejection#UNREADABLE}, one whose expiry has come is {@link Rejection#EXPIRED}. The token
 * classes lay out their own payloads; texts in them are a 1-byte length and UTF-8.
 */
public final class ExpiringTokens {

    private final SignedValues values;
    private final Clock clock;
    private final Duration validity;

    public ExpiringTokens(SigningKeys keys, Clock clock, Duration validity) {
        this.values = new SignedValues(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
        Arguments.positive("validity", validity);
        this.validity = validity;
    }

    public Duration validity() {
        return validity;
    }

    /** When a token issued now expires. */
    public Instant expiryFromNow() {
        return clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS);
    }

    public String seal(char format, byte[] payload) {
        return values.seal(format, payload);
    }

    /**
     * The token {@code reader} reads from the payload of {@code value}, or why it is refused. The
     * reader may throw on a payload it cannot read; it must read all of it.
     */
    public <T> Verified<T> verify(String value, char format, int maxLength, Function<ByteBuffer, T> reader,
            Function<T, Instant> expiresAt) {
        SignedValues.Opened opened = values.open(value, format, maxLength);
        byte[] payload = opened.payload();
        if (payload == null) {
            return new Verified<>(null, opened.rejection());
        }
        T token;
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            token = reader.apply(in);
            if (in.hasRemaining()) {
                return new Verified<>(null, Rejection.UNREADABLE);
            }
        } catch (RuntimeException e) {
            return new Verified<>(null, Rejection.UNREADABLE);
        }
        if (!expiresAt.apply(token).isAfter(clock.instant())) {
            return new Verified<>(null, Rejection.EXPIRED);
        }
        return new Verified<>(token, null);
    }

    /** A text of a payload: a 1-byte length, then that many bytes of UTF-8. */
    public static String readText(ByteBuffer in) {
        byte[] bytes = new byte[in.get() & 0xff];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A verified token, or why it was refused. */
    public record Verified<T>(@Nullable T token, @Nullable Rejection rejection) {
    }
}
