package dev.consent4j.internal.signing;

import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The envelope every signed value of consent4j uses: {@code <format>.<key id>.<payload>.<signature>},
 * where the format is one character that names what the value is and how its payload is laid out,
 * the payload is URL-safe Base64, and the signature is HMAC-SHA256 (URL-safe Base64) over
 * everything before it. Only characters allowed in cookie values and URL paths appear.
 *
 * <p>Thread-safe. {@link #open} never throws for bad input.
 */
public final class SignedValues {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Signatures signatures;

    public SignedValues(SigningKeys keys) {
        this.signatures = new Signatures(Objects.requireNonNull(keys, "keys"));
    }

    public SigningKeys keys() {
        return signatures.keys();
    }

    /** The value for {@code payload}, signed with the newest key. */
    public String seal(char format, byte[] payload) {
        String signed = format + "." + signatures.currentKeyId() + "." + ENCODER.encodeToString(payload);
        return signed + "." + ENCODER.encodeToString(signatures.sign(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Checks the envelope and signature of {@code value} and returns its payload, or why it is not trusted. */
    public Opened open(@Nullable String value, char format, int maxLength) {
        if (value == null || value.isEmpty()) {
            return Opened.rejected(Rejection.MALFORMED);
        }
        if (value.length() > maxLength) {
            return Opened.rejected(Rejection.TOO_LARGE);
        }
        if (value.length() < 2 || value.charAt(1) != '.') {
            return Opened.rejected(Rejection.MALFORMED);
        }
        if (value.charAt(0) != format) {
            return Opened.rejected(Rejection.UNKNOWN_FORMAT);
        }
        int keyEnd = value.indexOf('.', 2);
        int payloadEnd = keyEnd < 0 ? -1 : value.indexOf('.', keyEnd + 1);
        if (keyEnd < 0 || payloadEnd < 0 || value.indexOf('.', payloadEnd + 1) >= 0) {
            return Opened.rejected(Rejection.MALFORMED);
        }
        int key = signatures.keyIndex(value, 2, keyEnd);
        if (key < 0) {
            return Opened.rejected(Rejection.UNKNOWN_KEY);
        }
        /*
         * One copy of the value as bytes, and everything after works on it. The format character, the
         * dots and the key id are checked above and the decoder refuses any byte outside the Base64
         * alphabet, so the bytes signed are exactly the ASCII the value was written in (a character
         * beyond Latin-1 becomes '?' in this copy, which the decoder refuses).
         */
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] payload = Base64Url.decode(bytes, keyEnd + 1, payloadEnd);
        byte[] signature = Base64Url.decode(bytes, payloadEnd + 1, bytes.length);
        if (payload == null || signature == null) {
            return Opened.rejected(Rejection.MALFORMED);
        }
        if (signature.length != Signatures.LENGTH || !signatures.verify(key, bytes, payloadEnd, signature)) {
            return Opened.rejected(Rejection.BAD_SIGNATURE);
        }
        return new Opened(payload, null, key != 0);
    }

    /**
     * A verified payload, or the reason there is none.
     *
     * @param signedWithOlderKey whether a key other than the newest signed it, so it should be re-issued
     */
    public record Opened(byte @Nullable [] payload, @Nullable Rejection rejection, boolean signedWithOlderKey) {

        static Opened rejected(Rejection rejection) {
            return new Opened(null, rejection, false);
        }

        public boolean trusted() {
            return payload != null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Opened o && Arrays.equals(o.payload, payload) && o.rejection == rejection
                    && o.signedWithOlderKey == signedWithOlderKey;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) * 31 + Objects.hashCode(rejection);
        }

        @Override
        public String toString() {
            return payload != null ? "Opened[" + payload.length + " bytes]" : "Opened[" + rejection + "]";
        }
    }
}
