package dev.consent4j.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

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
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

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
    public Opened open(String value, char format, int maxLength) {
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
        String keyId = value.substring(2, keyEnd);
        if (!signatures.knows(keyId)) {
            return Opened.rejected(Rejection.UNKNOWN_KEY);
        }
        byte[] signed = new byte[payloadEnd];
        for (int i = 0; i < payloadEnd; i++) {
            char c = value.charAt(i);
            if (c > 0x7f) {
                return Opened.rejected(Rejection.MALFORMED);
            }
            signed[i] = (byte) c;
        }
        // One value, one spelling: padding or set unused bits in a last character would decode to the
        // same bytes, so a signed value could be written several ways that all verify.
        if (!canonical(value, keyEnd + 1, payloadEnd) || !canonical(value, payloadEnd + 1, value.length())) {
            return Opened.rejected(Rejection.MALFORMED);
        }
        byte[] signature;
        byte[] payload;
        try {
            signature = DECODER.decode(value.substring(payloadEnd + 1));
            payload = DECODER.decode(value.substring(keyEnd + 1, payloadEnd));
        } catch (IllegalArgumentException e) {
            return Opened.rejected(Rejection.MALFORMED);
        }
        if (signature.length != Signatures.LENGTH || !signatures.verify(keyId, signed, signature)) {
            return Opened.rejected(Rejection.BAD_SIGNATURE);
        }
        return new Opened(payload, null, !keyId.equals(signatures.currentKeyId()));
    }

    /**
     * Whether {@code value[from, to)} is URL-safe Base64 as {@link #ENCODER} writes it: no padding,
     * a length the encoder can produce, and zero unused bits in the last character. Characters
     * outside the alphabet are left to the decoder.
     */
    private static boolean canonical(String value, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return true;
        }
        int unusedBits = switch (length % 4) {
            case 0 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            default -> -1;
        };
        if (unusedBits < 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (value.charAt(i) == '=') {
                return false;
            }
        }
        int last = sextet(value.charAt(to - 1));
        return last >= 0 && (last & ((1 << unusedBits) - 1)) == 0;
    }

    /** The 6-bit value of a URL-safe Base64 character, or -1. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /**
     * A verified payload, or the reason there is none.
     *
     * @param signedWithOlderKey whether a key other than the newest signed it, so it should be re-issued
     */
    public record Opened(byte[] payload, Rejection rejection, boolean signedWithOlderKey) {

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
            return trusted() ? "Opened[" + payload.length + " bytes]" : "Opened[" + rejection + "]";
        }
    }
}
