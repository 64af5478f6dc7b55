package dev.consent4j.internal.signing;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decodes URL-safe Base64 without padding, as {@link SignedValues} writes it, straight from the
 * bytes of a value: no intermediate strings, and only the canonical spelling is accepted.
 */
final class Base64Url {

    /** The 6-bit value of each ASCII character of the alphabet; -1 for every other byte. */
    private static final byte[] SEXTETS = new byte[128];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * The bytes {@code in[from, to)} encode, or {@code null} when that range is not the one
     * encoding of some bytes: a character outside the alphabet (padding included), a length the
     * encoder cannot produce (one character past a multiple of four), or set bits in the unused low
     * end of the last character, each of which would give one value several spellings.
     */
    static byte @Nullable [] decode(byte[] in, int from, int to) {
        int length = to - from;
        int tail = length % 4;
        if (tail == 1) {
            return null;
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int o = 0;
        int i = from;
        for (int fullEnd = to - tail; i < fullEnd; i += 4) {
            int bits = sextet(in[i]) << 18 | sextet(in[i + 1]) << 12 | sextet(in[i + 2]) << 6 | sextet(in[i + 3]);
            if (bits < 0) {
                return null;
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (tail == 2) {
            int bits = sextet(in[i]) << 6 | sextet(in[i + 1]);
            if (bits < 0 || (bits & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (bits >> 4);
        } else if (tail == 3) {
            int bits = sextet(in[i]) << 12 | sextet(in[i + 1]) << 6 | sextet(in[i + 2]);
            if (bits < 0 || (bits & 0x03) != 0) {
                return null;
            }
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    /**
     * The 6-bit value of {@code b}, or a negative number that keeps any combination it is or-ed
     * into negative: -1 shifted left stays negative as long as it is shifted by less than 31.
     */
    private static int sextet(byte b) {
        return b < 0 ? -1 : SEXTETS[b];
    }
}
