package dev.consent4j.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Choice;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Format 2 of the consent cookie byte by byte: choices with their own version, time and actor, one
 * encoding per cookie, and format 1 still read. Payloads are built by hand from the layout in
 * COMPATIBILITY.md and signed with the codec's key, so that the checks after the signature are
 * what is tested.
 */
class ConsentCookieFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentCookieFormatTest.class);

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final SubjectId VISITOR = SubjectId.visitor("0123456789abcdef0123456789abcdef");
    private static final long DAY = 86_400;
    private static final int CATEGORY = 1;
    private static final int PURPOSE = 2;
    private static final int SELF = 0;
    private static final int GUARDIAN = 1;
    private static final int OPERATOR = 2;
    private static final int GRANT = 0;
    private static final int DENY = 1;
    private static final int OBJECT = 3;

    private final SigningKey key = SigningKey.generate("k2");
    private final SigningKeys keys = SigningKeys.of(key);
    private final ConsentCookieCodec codec = new ConsentCookieCodec(keys, Duration.ofDays(180));
    private final SignedValues envelope = new SignedValues(keys);

    /** Three choices from two policy versions, three times and three kinds of actor. */
    private static final ConsentCookie MIXED = new ConsentCookie(VISITOR, NOW, List.of(
            new Choice(Topic.purpose("targeted-ads"), Action.OBJECT, NOW.minusSeconds(3600), "2026-11", Actor.Kind.OPERATOR, null),
            new Choice(Topic.category("analytics"), Action.DENY, NOW.minusSeconds(200 * DAY), "2026-05", Actor.Kind.SELF, null),
            new Choice(Topic.category("advertising"), Action.GRANT, NOW, "2026-11", Actor.Kind.GUARDIAN, null)), false);

    /** {@link #MIXED}, written by hand. */
    private static Payload mixed() {
        return head(0, "2026-11", "2026-05").count(3)
                .choice(CATEGORY, GUARDIAN, GRANT, 0, 0, "advertising")
                .choice(CATEGORY, SELF, DENY, 1, 200 * DAY, "analytics")
                .choice(PURPOSE, OPERATOR, OBJECT, 0, 3600, "targeted-ads");
    }

    @Test
    void eachChoiceKeepsItsOwnVersionTimeAndActor() {
        String value = codec.encode(MIXED);
        ConsentCookieCodec.Result result = codec.decode(value, NOW);

        assertThat(value).startsWith("2.k2.");
        assertThat(result.trusted()).isTrue();
        assertThat(result.cookie()).isEqualTo(MIXED);
        assertThat(result.cookie().asChoices()).containsExactly(
                new Choice(Topic.category("advertising"), Action.GRANT, NOW, "2026-11", Actor.Kind.GUARDIAN, null),
                new Choice(Topic.category("analytics"), Action.DENY, NOW.minusSeconds(200 * DAY), "2026-05", Actor.Kind.SELF, null),
                new Choice(Topic.purpose("targeted-ads"), Action.OBJECT, NOW.minusSeconds(3600), "2026-11",
                        Actor.Kind.OPERATOR, null));
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        assertThat(codec.encode(MIXED)).isEqualTo(envelope.seal('2', mixed().bytes()));
    }

    @Test
    void choicesFromStoredEventsLoseTheirEventAndSubSeconds() {
        Choice stored = new Choice(Topic.category("analytics"), Action.DENY, NOW.minusMillis(1500), "2026-11",
                Actor.Kind.SELF, EventId.random());

        ConsentCookie cookie = new ConsentCookie(VISITOR, NOW.plusMillis(999), List.of(stored), false);

        assertThat(cookie.madeAt()).isEqualTo(NOW);
        assertThat(cookie.asChoices()).containsExactly(
                new Choice(Topic.category("analytics"), Action.DENY, NOW.minusSeconds(2), "2026-11", Actor.Kind.SELF, null));
        assertThat(codec.decode(codec.encode(cookie), NOW).cookie()).isEqualTo(cookie);
    }

    @Test
    void equalCookiesHaveOneValue() {
        List<Choice> reversed = new ArrayList<>(MIXED.choices());
        java.util.Collections.reverse(reversed);
        ConsentCookie sameChoicesOtherOrder = new ConsentCookie(VISITOR, NOW, reversed, false);

        assertThat(sameChoicesOtherOrder).isEqualTo(MIXED);
        assertThat(codec.encode(sameChoicesOtherOrder)).isEqualTo(codec.encode(MIXED));
    }

    @Test
    void aCookieRefusesTwoChoicesOnOneTopicAndChoicesAfterItsTime() {
        Choice analytics = new Choice(Topic.category("analytics"), Action.DENY, NOW, "v1", Actor.Kind.SELF, null);

        assertThatThrownBy(() -> new ConsentCookie(VISITOR, NOW, List.of(analytics, analytics), false))
                .hasMessageContaining("two choices on category:analytics");
        assertThatThrownBy(() -> new ConsentCookie(VISITOR, NOW.minusSeconds(1), List.of(analytics), false))
                .hasMessageContaining("after the cookie's time");
        assertThatThrownBy(() -> new ConsentCookie(VISITOR, NOW, List.of(
                new Choice(Topic.contact("newsletter", "email"), Action.GRANT, NOW, "v1", Actor.Kind.SELF, null)), false))
                .hasMessageContaining("customers only");
    }

    @Test
    void formatOneCookiesAreStillReadWithTheirOneVersionAndTime() {
        Instant madeAt = NOW.minusSeconds(10 * DAY);
        Payload formatOne = new Payload().visitor().time(madeAt).bytes(1).text("2026-05").count(2)
                .bytes(CATEGORY << 4 | DENY).text("analytics")
                .bytes(PURPOSE << 4 | OBJECT).text("targeted-ads");
        String value = envelope.seal('1', formatOne.bytes());

        ConsentCookieCodec.Result result = codec.decode(value, NOW);

        assertThat(result.trusted()).isTrue();
        assertThat(result.cookie().linkedToCustomer()).isTrue();
        assertThat(result.cookie().madeAt()).isEqualTo(madeAt);
        assertThat(result.cookie().asChoices()).containsExactly(
                new Choice(Topic.category("analytics"), Action.DENY, madeAt, "2026-05", Actor.Kind.SELF, null),
                new Choice(Topic.purpose("targeted-ads"), Action.OBJECT, madeAt, "2026-05", Actor.Kind.SELF, null));
        assertThat(codec.decode(value, madeAt.plus(Duration.ofDays(180))).rejection()).isEqualTo(Rejection.EXPIRED);
        // Written again, it is format 2 and says the same.
        String rewritten = codec.encode(result.cookie());
        assertThat(rewritten).startsWith("2.");
        assertThat(codec.decode(rewritten, NOW).cookie()).isEqualTo(result.cookie());
    }

    @Test
    void formatOneKeepsItsChecks() {
        Payload badKind = new Payload().visitor().time(NOW).bytes(0).text("v1").count(1).bytes(3 << 4).text("analytics");
        Payload trailing = new Payload().visitor().time(NOW).bytes(0).text("v1").count(0).bytes(0);

        assertThat(codec.decode(envelope.seal('1', badKind.bytes()), NOW).rejection()).isEqualTo(Rejection.UNREADABLE);
        assertThat(codec.decode(envelope.seal('1', trailing.bytes()), NOW).rejection()).isEqualTo(Rejection.UNREADABLE);
    }

    @Test
    void theHandWrittenPayloadIsTrusted() {
        ConsentCookieCodec.Result result = codec.decode(envelope.seal('2', mixed().bytes()), NOW);

        assertThat(result.trusted()).isTrue();
        assertThat(result.cookie()).isEqualTo(MIXED);
    }

    static Stream<Arguments> notTheOneEncoding() {
        return Stream.of(
                row("choices out of order", () -> head(0, "v1").count(2)
                        .choice(CATEGORY, SELF, DENY, 0, 0, "analytics").choice(CATEGORY, SELF, DENY, 0, 0, "advertising")),
                row("a purpose before a category", () -> head(0, "v1").count(2)
                        .choice(PURPOSE, SELF, DENY, 0, 0, "ads").choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("one topic twice", () -> head(0, "v1").count(2)
                        .choice(CATEGORY, SELF, DENY, 0, 0, "analytics").choice(CATEGORY, SELF, GRANT, 0, 0, "analytics")),
                row("a version no choice uses", () -> head(0, "v1", "v2").count(1).choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("versions not in order of first use", () -> head(0, "v1", "v2").count(2)
                        .choice(CATEGORY, SELF, DENY, 1, 0, "advertising").choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("a version twice", () -> head(0, "v1", "v1").count(2)
                        .choice(CATEGORY, SELF, DENY, 0, 0, "advertising").choice(CATEGORY, SELF, DENY, 1, 0, "analytics")),
                row("a version index past the table", () -> head(0, "v1").count(1).choice(CATEGORY, SELF, DENY, 1, 0, "analytics")),
                row("versions but no choices", () -> head(0, "v1").count(0)),
                row("a longer varint than needed", () -> head(0, "v1").count(1)
                        .bytes(CATEGORY << 6 | DENY, 0, 0x80, 0x00).text("analytics")),
                row("a varint past 63 bits", () -> head(0, "v1").count(1)
                        .bytes(CATEGORY << 6 | DENY, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).text("analytics")),
                row("a choice before the earliest time there is", () -> new Payload().visitor()
                        .time(Instant.MIN).bytes(0).count(1).text("v1").count(1).choice(CATEGORY, SELF, DENY, 0, 1, "analytics")),
                row("a time past the latest there is", () -> new Payload().visitor()
                        .bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff).bytes(0).count(0).count(0)),
                row("an unknown flag", () -> head(2).count(0)),
                row("a byte after the last choice", () -> head(0).count(0).bytes(0)),
                row("an unknown actor", () -> head(0, "v1").count(1).choice(CATEGORY, 3, DENY, 0, 0, "analytics")),
                row("an unknown kind", () -> head(0, "v1").count(1).choice(3, SELF, DENY, 0, 0, "analytics")),
                row("no kind", () -> head(0, "v1").count(1).choice(0, SELF, DENY, 0, 0, "analytics")),
                row("an unknown action", () -> head(0, "v1").count(1).choice(CATEGORY, SELF, 4, 0, 0, "analytics")),
                row("a version that is not UTF-8", () -> head(0).count(1).bytes(2, 0xc3, 0x28).count(1)
                        .choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("a version in overlong UTF-8", () -> head(0).count(1).bytes(2, 0xc0, 0xaf).count(1)
                        .choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("an id the topic refuses", () -> head(0, "v1").count(1).choice(PURPOSE, SELF, DENY, 0, 0, "news:email")),
                row("an empty id", () -> head(0, "v1").count(1).choice(PURPOSE, SELF, DENY, 0, 0, "")),
                row("fewer choices than counted", () -> head(0, "v1").count(2).choice(CATEGORY, SELF, DENY, 0, 0, "analytics")),
                row("a length past the end", () -> head(0, "v1").count(1).bytes(CATEGORY << 6, 0, 0, 200).text("analytics")),
                row("a visitor cut short", () -> new Payload().bytes(1, 2, 3)),
                row("nothing", () -> new Payload()));
    }

    private static Arguments row(String name, Supplier<Payload> payload) {
        return Arguments.of(name, payload.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notTheOneEncoding")
    void signedPayloadsThatAreNotTheOneEncodingAreUnreadable(String name, Payload payload) {
        assertThat(codec.decode(envelope.seal('2', payload.bytes()), NOW).rejection()).isEqualTo(Rejection.UNREADABLE);
    }

    @Test
    void everySignedChangeOfOneByteIsRefusedOrIsAnotherCookiesOneEncoding() {
        byte[] valid = mixed().bytes();
        int trusted = 0;
        for (int i = 0; i < valid.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = valid.clone();
                changed[i] ^= (byte) (1 << bit);
                String value = envelope.seal('2', changed);
                ConsentCookieCodec.Result result = codec.decode(value, NOW);
                if (result.trusted()) {
                    trusted++;
                    assertThat(codec.encode(result.cookie())).as("byte %d bit %d", i, bit).isEqualTo(value);
                }
            }
        }
        assertThat(trusted).as("changes that are still a cookie (visitor, time, flags, action...)").isPositive();
    }

    @Test
    void randomSignedPayloadsNeverThrowAndAreTrustedOnlyAsTheirOneEncoding() {
        Random random = new Random(2026);
        byte[] valid = mixed().bytes();
        for (int i = 0; i < 20_000; i++) {
            byte[] payload;
            if (random.nextBoolean()) {
                payload = new byte[random.nextInt(200)];
                random.nextBytes(payload);
            } else {
                // A valid start with a random tail: gets past the visitor and time more often.
                payload = java.util.Arrays.copyOf(valid, 24 + random.nextInt(valid.length));
                for (int j = 24 + random.nextInt(valid.length - 24); j < payload.length; j++) {
                    payload[j] = (byte) random.nextInt(256);
                }
            }
            String value = envelope.seal('2', payload);
            ConsentCookieCodec.Result result = codec.decode(value, NOW);
            if (result.trusted()) {
                assertThat(codec.encode(result.cookie())).isEqualTo(value);
            }
        }
    }

    @Test
    void countsAndLengthsAreBounded() {
        List<Choice> tooMany = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            tooMany.add(new Choice(Topic.category("c" + i), Action.DENY, NOW, "v1", Actor.Kind.SELF, null));
        }
        ConsentCookie longVersion = new ConsentCookie(VISITOR, NOW, List.of(
                new Choice(Topic.category("analytics"), Action.DENY, NOW, "v".repeat(256), Actor.Kind.SELF, null)), false);
        String overlong = envelope.seal('2', new Payload().bytes(new int[1600]).bytes());

        assertThatThrownBy(() -> new ConsentCookie(VISITOR, NOW, tooMany, false)).hasMessageContaining("at most 255");
        assertThatThrownBy(() -> codec.encode(longVersion)).hasMessageContaining("longer than 255 bytes");
        assertThat(overlong.length()).isGreaterThan(ConsentCookieCodec.MAX_VALUE_LENGTH);
        assertThat(codec.decode(overlong, NOW).rejection()).isEqualTo(Rejection.TOO_LARGE);
    }

    @Test
    void expiryAndTheFutureGoByTheCookiesTimeNotItsOldestChoice() {
        String value = codec.encode(MIXED); // holds a choice made 200 days before, more than the lifetime

        assertThat(codec.decode(value, NOW.plus(Duration.ofDays(179))).trusted()).isTrue();
        assertThat(codec.decode(value, NOW.plus(Duration.ofDays(180))).rejection()).isEqualTo(Rejection.EXPIRED);
        assertThat(codec.decode(value, NOW.minus(Duration.ofMinutes(6))).rejection()).isEqualTo(Rejection.FROM_THE_FUTURE);
    }

    /**
     * The sizes of the whole {@code Cookie} header part, {@code __Host-consent=<value>}, for ten
     * choices: format 1 (one version and time) against format 2 made at once, and format 2 with
     * choices from two versions, half of them 300 days old.
     */
    @Test
    void tenChoicesFigures() {
        String[] ids = {"necessary", "preferences", "analytics", "advertising", "social-media",
            "personalisation", "video", "chat", "ab-testing", "affiliate"};
        Payload formatOne = new Payload().visitor().time(NOW).bytes(0).text("2026-11").count(ids.length);
        Map<Topic, Action> atOnce = new LinkedHashMap<>();
        List<Choice> twoVersions = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Action action = i % 2 == 0 ? Action.GRANT : Action.DENY;
            formatOne.bytes(CATEGORY << 4 | (i % 2 == 0 ? GRANT : DENY)).text(ids[i]);
            atOnce.put(Topic.category(ids[i]), action);
            twoVersions.add(new Choice(Topic.category(ids[i]), action, i < 5 ? NOW.minusSeconds(300 * DAY) : NOW,
                    i < 5 ? "2026-01" : "2026-11", Actor.Kind.SELF, null));
        }
        int one = ("__Host-consent=" + envelope.seal('1', formatOne.bytes())).length();
        int twoAtOnce = ("__Host-consent=" + codec.encode(ConsentCookie.of(VISITOR, "2026-11", NOW, atOnce, false))).length();
        int twoMixed = ("__Host-consent=" + codec.encode(new ConsentCookie(VISITOR, NOW, twoVersions, false))).length();
        LOG.info("ten choices: format 1 {} chars, format 2 made at once {}, from two versions {}", one, twoAtOnce, twoMixed);

        assertThat(twoAtOnce).isLessThan(300).isLessThanOrEqualTo(one + 30);
        assertThat(twoMixed).isLessThan(350);
    }

    private static Payload head(int flags, String... versions) {
        Payload payload = new Payload().visitor().time(NOW).bytes(flags).count(versions.length);
        for (String version : versions) {
            payload.text(version);
        }
        return payload;
    }

    /** A payload written byte by byte. */
    static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Payload bytes(int... values) {
            for (int value : values) {
                out.write(value);
            }
            return this;
        }

        Payload count(int count) {
            return bytes(count);
        }

        Payload visitor() {
            out.writeBytes(HexFormat.of().parseHex(VISITOR.value()));
            return this;
        }

        Payload time(Instant time) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(time.getEpochSecond()).array());
            return this;
        }

        Payload text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.write(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Payload varint(long value) {
            long rest = value;
            while (rest >= 0x80) {
                out.write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
            return this;
        }

        /** One format-2 choice: kind, actor and action in one byte, version index, age in seconds, id. */
        Payload choice(int kind, int actor, int action, int version, long age, String id) {
            return bytes(kind << 6 | actor << 4 | action, version).varint(age).text(id);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes());
        }
    }
}
