package dev.consent4j.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The hand-written decoder agrees with the JDK's encoder on every input, and refuses every other spelling. */
class Base64UrlPropertiesTest {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Property(tries = 2000)
    void decodesWhatTheEncoderWrites(@ForAll @Size(max = 200) byte[] bytes) {
        byte[] encoded = ENCODER.encode(bytes);
        byte[] padded = ("<" + new String(encoded, StandardCharsets.US_ASCII) + ">").getBytes(StandardCharsets.US_ASCII);

        assertThat(Base64Url.decode(padded, 1, padded.length - 1)).isEqualTo(bytes);
    }

    @Property(tries = 5000)
    void acceptsAStringOnlyWhenItIsTheEncodingOfItsBytes(
            @ForAll @StringLength(max = 12) @CharRange(from = 'A', to = 'Z') @CharRange(from = 'a', to = 'c')
            @CharRange(from = '0', to = '2') @Chars({'-', '_', '=', '+', '/', '.', ' ', '\u00e9', '\u0080'}) String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);

        byte[] decoded = Base64Url.decode(bytes, 0, bytes.length);

        String canonical = canonicalDecoding(text);
        if (canonical == null) {
            assertThat(decoded).as(text).isNull();
        } else {
            assertThat(decoded).as(text).isNotNull();
            assertThat(ENCODER.encodeToString(decoded)).isEqualTo(text);
        }
    }

    /** {@code text} when the JDK decodes it and its encoder writes exactly it back, else null. */
    private static String canonicalDecoding(String text) {
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(text);
            return ENCODER.encodeToString(decoded).equals(text) ? text : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
