package dev.consent4j.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Choice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the cookie codec over generated cookies and generated signed payloads. */
class ConsentCookiePropertiesTest {

    private static final SigningKeys KEYS = SigningKeys.of(SigningKey.generate("k1"));
    private final ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, Duration.ofDays(400));
    private final SignedValues envelope = new SignedValues(KEYS);

    /** A choice before its topic is known: what was chosen, under which of the cookie's versions, how long before. */
    private record Stance(Action action, Actor.Kind actor, int version, long age) {
    }

    @Property(tries = 500)
    void encodeThenDecodeGivesBackTheSameChoices(@ForAll("cookies") ConsentCookie cookie) {
        String value = codec.encode(cookie);

        ConsentCookieCodec.Result result = codec.decode(value, cookie.madeAt());

        assertThat(value.length()).isLessThanOrEqualTo(ConsentCookieCodec.MAX_VALUE_LENGTH);
        assertThat(result.trusted()).as(value).isTrue();
        assertThat(result.cookie()).isEqualTo(cookie);
        assertThat(result.cookie().asChoices()).isEqualTo(cookie.asChoices());
        assertThat(codec.encode(result.cookie())).isEqualTo(value);
    }

    @Property(tries = 1000)
    void anySignedPayloadIsRefusedOrIsTheOneEncodingOfItsCookie(@ForAll @Size(max = 300) byte[] payload) {
        String value = envelope.seal(ConsentCookieCodec.FORMAT, payload);

        // Read at the time the payload claims, where it has one, so that it is not simply expired.
        long claimed = payload.length >= 24 ? java.nio.ByteBuffer.wrap(payload, 16, 8).getLong() : 0;
        Instant now = Math.abs(claimed) < 1L << 40 ? Instant.ofEpochSecond(claimed) : Instant.EPOCH;
        ConsentCookieCodec.Result result = codec.decode(value, now);

        if (result.trusted()) {
            assertThat(codec.encode(result.cookie())).isEqualTo(value);
        }
    }

    @Property(tries = 1000)
    void aCookiesPayloadWithOneByteChangedIsRefusedOrIsTheOneEncodingOfItsCookie(@ForAll("cookies") ConsentCookie cookie,
            @ForAll int position, @ForAll byte replacement) {
        String original = codec.encode(cookie);
        byte[] payload = java.util.Base64.getUrlDecoder().decode(original.split("\\.")[2]);
        payload[Math.floorMod(position, payload.length)] = replacement;
        String value = envelope.seal(ConsentCookieCodec.FORMAT, payload);

        ConsentCookieCodec.Result result = codec.decode(value, cookie.madeAt());

        if (result.trusted()) {
            assertThat(codec.encode(result.cookie())).isEqualTo(value);
        }
    }

    @Provide
    Arbitrary<ConsentCookie> cookies() {
        Arbitrary<SubjectId> visitors = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(SubjectId::visitor);
        // From before 1970 to far beyond now; a choice is at most about a thousand years older.
        Arbitrary<Instant> times = Arbitraries.longs().between(-(1L << 36), 1L << 40).map(Instant::ofEpochSecond);
        Arbitrary<List<String>> versions = Arbitraries.strings().withChars("0123456789.-vé日本 ").ofMinLength(0).ofMaxLength(24)
                .list().uniqueElements().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Topic> topics = Combinators.combine(Arbitraries.of(Topic.Kind.CATEGORY, Topic.Kind.PURPOSE),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.").ofMinLength(1).ofMaxLength(24))
                .as((kind, id) -> kind == Topic.Kind.CATEGORY ? Topic.category(id) : Topic.purpose(id));
        Arbitrary<Long> ages = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 400L * 86_400),
                Arbitraries.longs().between(0, 1L << 35));
        Arbitrary<Stance> stances = Combinators.combine(Arbitraries.of(Action.GRANT, Action.DENY, Action.WITHDRAW, Action.OBJECT),
                Arbitraries.of(Actor.Kind.class), Arbitraries.integers().between(0, 3), ages).as(Stance::new);
        Arbitrary<Map<Topic, Stance>> choices = Arbitraries.maps(topics, stances).ofMaxSize(30);
        return Combinators.combine(visitors, times, versions, choices, Arbitraries.of(true, false))
                .as((visitor, madeAt, versionPool, stanceByTopic, linked) -> {
                    List<Choice> list = new ArrayList<>();
                    for (Map.Entry<Topic, Stance> entry : stanceByTopic.entrySet()) {
                        Stance stance = entry.getValue();
                        list.add(new Choice(entry.getKey(), stance.action(), madeAt.minusSeconds(stance.age()),
                                versionPool.get(stance.version() % versionPool.size()), stance.actor(), null));
                    }
                    return new ConsentCookie(visitor, madeAt, list, linked);
                });
    }
}
