package dev.consent4j.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsentCookieCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private final SigningKey current = SigningKey.generate("k2");
    private final SigningKey previous = SigningKey.generate("k1");
    private final ConsentCookieCodec codec = new ConsentCookieCodec(SigningKeys.of(current, previous), Duration.ofDays(180));

    private static ConsentCookie cookie(Map<Topic, Action> choices) {
        return ConsentCookie.of(SubjectId.newVisitor(), "2026-11", NOW, choices, false);
    }

    private static Map<Topic, Action> tenCategories() {
        Map<Topic, Action> choices = new LinkedHashMap<>();
        String[] ids = {"necessary", "preferences", "analytics", "advertising", "social-media",
            "personalisation", "video", "chat", "ab-testing", "affiliate"};
        for (int i = 0; i < ids.length; i++) {
            choices.put(Topic.category(ids[i]), i % 2 == 0 ? Action.GRANT : Action.DENY);
        }
        return choices;
    }

    @Test
    void encodeThenDecodeGivesTheSameCookie() {
        ConsentCookie cookie = ConsentCookie.of(SubjectId.newVisitor(), "2026-11", NOW,
                Map.of(Topic.category("analytics"), Action.GRANT, Topic.purpose("targeted-ads"), Action.OBJECT,
                        Topic.category("advertising"), Action.WITHDRAW), true);

        ConsentCookieCodec.Result result = codec.decode(codec.encode(cookie), NOW.plusSeconds(60));

        assertThat(result.trusted()).isTrue();
        assertThat(result.cookie()).isEqualTo(cookie);
        assertThat(result.signedWithOlderKey()).isFalse();
    }

    @Test
    void aVersionEndingInATruncatedUtf8SequenceIsRefused() {
        String value = codec.encode(ConsentCookie.of(SubjectId.newVisitor(), "2026-11", NOW,
                Map.of(Topic.category("analytics"), Action.GRANT), false));
        byte[] payload = java.util.Base64.getUrlDecoder().decode(value.split("\\.")[2]);
        // visitor (16), time (8), flags, version count, length, then "2026-11": its last byte.
        int last = 16 + 8 + 1 + 1 + 1 + "2026-11".length() - 1;
        assertThat(payload[last]).isEqualTo((byte) '1');
        payload[last] = (byte) 0xEF; // decodes to "2026-1\uFFFD", which encodes as EF BF BD

        String forged = new SignedValues(SigningKeys.of(current, previous)).seal(ConsentCookieCodec.FORMAT, payload);

        assertThat(codec.decode(forged, NOW.plusSeconds(60)).trusted()).isFalse();
    }

    @Test
    void tenCategoryCookieStaysUnder300Bytes() {
        String value = codec.encode(cookie(tenCategories()));

        assertThat(("__Host-consent=" + value).length()).isLessThan(300);
    }

    @Test
    void valueSignedWithAnOlderKeyIsTrustedAndFlaggedForReissue() {
        ConsentCookieCodec before = new ConsentCookieCodec(SigningKeys.of(previous), Duration.ofDays(180));

        ConsentCookieCodec.Result result = codec.decode(before.encode(cookie(tenCategories())), NOW);

        assertThat(result.trusted()).isTrue();
        assertThat(result.signedWithOlderKey()).isTrue();
    }

    @Test
    void valueSignedWithARemovedKeyIsRejected() {
        ConsentCookieCodec after = new ConsentCookieCodec(SigningKeys.of(current), Duration.ofDays(180));
        ConsentCookieCodec before = new ConsentCookieCodec(SigningKeys.of(previous), Duration.ofDays(180));

        assertThat(after.decode(before.encode(cookie(tenCategories())), NOW).rejection())
                .isEqualTo(Rejection.UNKNOWN_KEY);
    }

    @Test
    void everySingleCharacterChangeIsRejected() {
        String value = codec.encode(cookie(tenCategories()));
        String alphabet = "AQgw_-0.9z";
        for (int i = 0; i < value.length(); i++) {
            for (char replacement : alphabet.toCharArray()) {
                if (value.charAt(i) == replacement) {
                    continue;
                }
                String changed = value.substring(0, i) + replacement + value.substring(i + 1);
                // Even a change of only the unused bits of a last Base64 character: one value, one spelling.
                assertThat(codec.decode(changed, NOW).trusted()).as("changed at %d to %s", i, replacement).isFalse();
            }
        }
    }

    @Test
    void truncatedValuesAreRejectedAtEveryLength() {
        String value = codec.encode(cookie(tenCategories()));
        for (int length = 0; length < value.length(); length++) {
            assertThat(codec.decode(value.substring(0, length), NOW).trusted()).as("length %d", length).isFalse();
        }
    }

    @Test
    void randomInputNeverThrowsAndIsNeverTrusted() {
        Random random = new Random(8058);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(120)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = random.nextInt(4) == 0 ? '.' : (char) (random.nextInt(0x250) + 1);
            }
            String prefix = switch (random.nextInt(3)) {
                case 0 -> "1.k2.";
                case 1 -> "2.k2.";
                default -> "";
            };
            String value = prefix + new String(chars);
            assertThat(codec.decode(value, NOW).trusted()).isFalse();
        }
    }

    @Test
    void rejectionsSayWhy() {
        String valid = codec.encode(cookie(tenCategories()));

        assertThat(codec.decode("3" + valid.substring(1), NOW).rejection()).isEqualTo(Rejection.UNKNOWN_FORMAT);
        assertThat(codec.decode("1" + valid.substring(1), NOW).rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(codec.decode(valid + "A".repeat(3000), NOW).rejection()).isEqualTo(Rejection.TOO_LARGE);
        assertThat(codec.decode("2.k2.abc", NOW).rejection()).isEqualTo(Rejection.MALFORMED);
        assertThat(codec.decode("1.k2.a!c.def", NOW).rejection()).isEqualTo(Rejection.MALFORMED);
        assertThat(codec.decode(valid, NOW.plus(Duration.ofDays(180))).rejection()).isEqualTo(Rejection.EXPIRED);
        assertThat(codec.decode(valid, NOW.minus(Duration.ofHours(1))).rejection())
                .isEqualTo(Rejection.FROM_THE_FUTURE);
        assertThat(codec.decode(valid, NOW.minus(Duration.ofMinutes(4))).trusted()).isTrue();
    }

    @Test
    void lifetimeIsCappedAtWhatBrowsersKeep() {
        assertThat(new ConsentCookieCodec(SigningKeys.of(current), Duration.ofDays(800)).lifetime())
                .isEqualTo(Duration.ofDays(400));
    }

    @Test
    void signingKeysRefuseShortSecretsDuplicateIdsAndNeverPrintSecrets() {
        assertThatThrownBy(() -> SigningKey.of("k", new byte[16])).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> SigningKeys.of(SigningKey.generate("a"), SigningKey.generate("a")))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> SigningKey.fromBase64("k", "not base64 !!! secret-part"))
                .hasMessageNotContaining("secret-part");
        SigningKey key = SigningKey.fromBase64("k", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=");
        assertThat(key.toString()).isEqualTo("SigningKey[k]");
    }

    @Test
    void cookieRefusesContactChoicesAndLinks() {
        assertThatThrownBy(() -> cookie(Map.of(Topic.contact("newsletter", "email"), Action.GRANT)))
                .hasMessageContaining("customers only");
    }
}
