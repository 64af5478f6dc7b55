package dev.consent4j.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each signed value has one spelling: padding after a Base64 part, or other unused low bits in its
 * last character, decode to the same bytes but must not verify.
 */
class SignedValuesCanonicalTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final SigningKeys keys = SigningKeys.of(SigningKey.generate("k2"), SigningKey.generate("k1"));

    @Test
    void cookieVariantsWithPaddingOrOtherUnusedBitsAreRejected() {
        ConsentCookieCodec codec = new ConsentCookieCodec(keys, Duration.ofDays(180));
        for (int choices = 0; choices < 6; choices++) {
            // Different payload lengths put the payload's last character at each offset of its quantum.
            Map<Topic, Action> map = new java.util.LinkedHashMap<>();
            for (int i = 0; i < choices; i++) {
                map.put(Topic.category("category-" + i), i % 2 == 0 ? Action.GRANT : Action.DENY);
            }
            String value = codec.encode(ConsentCookie.of(SubjectId.newVisitor(), "2026-11", NOW, map, false));
            assertThat(codec.decode(value, NOW).trusted()).as(value).isTrue();

            List<String> variants = variants(value);
            assertThat(variants).hasSizeGreaterThanOrEqualTo(7);
            for (String variant : variants) {
                ConsentCookieCodec.Result result = codec.decode(variant, NOW);
                assertThat(result.trusted()).as("variant %s of %s", variant, value).isFalse();
                assertThat(result.rejection()).as(variant).isIn(Rejection.MALFORMED, Rejection.BAD_SIGNATURE);
            }
        }
    }

    @Test
    void unsubscribeTokenVariantsWithPaddingOrOtherUnusedBitsAreRejected() {
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, Clock.fixed(NOW, ZoneOffset.UTC));
        for (String channel : List.of("email", "sms", "post", "push-x")) {
            String token = tokens.issue(SubjectId.customer("alice"), "newsletter", channel);
            assertThat(tokens.verify(token).trusted()).as(token).isTrue();

            for (String variant : variants(token)) {
                UnsubscribeTokens.Verified verified = tokens.verify(variant);
                assertThat(verified.trusted()).as("variant %s of %s", variant, token).isFalse();
                assertThat(verified.rejection()).as(variant).isIn(Rejection.MALFORMED, Rejection.BAD_SIGNATURE);
            }
            assertThat(tokens.verify(token).trusted()).isTrue();
        }
    }

    @Test
    void canonicalValuesOfEveryPayloadLengthStillVerify() {
        SignedValues values = new SignedValues(keys);
        for (int length = 0; length < 40; length++) {
            byte[] payload = new byte[length];
            java.util.Arrays.fill(payload, (byte) 0xff);
            String sealed = values.seal('t', payload);
            SignedValues.Opened opened = values.open(sealed, 't', 200);
            assertThat(opened.trusted()).as(sealed).isTrue();
            assertThat(opened.payload()).isEqualTo(payload);
        }
    }

    /**
     * For the payload and the signature of {@code value}: one and two padding characters appended,
     * and the last character changed to every other character with the same used bits.
     */
    static List<String> variants(String value) {
        int payloadEnd = value.lastIndexOf('.');
        int payloadStart = value.lastIndexOf('.', payloadEnd - 1) + 1;
        List<String> variants = new ArrayList<>();
        for (int[] part : new int[][] {{payloadStart, payloadEnd}, {payloadEnd + 1, value.length()}}) {
            int from = part[0];
            int to = part[1];
            variants.add(value.substring(0, to) + "=" + value.substring(to));
            variants.add(value.substring(0, to) + "==" + value.substring(to));
            int unusedBits = switch ((to - from) % 4) {
                case 2 -> 4;
                case 3 -> 2;
                default -> 0;
            };
            int last = ALPHABET.indexOf(value.charAt(to - 1));
            for (int low = 1; low < (1 << unusedBits); low++) {
                char changed = ALPHABET.charAt((last & ~((1 << unusedBits) - 1)) | low);
                variants.add(value.substring(0, to - 1) + changed + value.substring(to));
            }
        }
        return variants;
    }
}
