package dev.consent4j.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GuardianConsentTokensTest {

    private static final SubjectId MINOR = SubjectId.customer("kenta");
    private static final List<Topic> TOPICS = List.of(Topic.purpose("newsletter"), Topic.contact("newsletter", "email"));

    private final MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    private final SigningKey oldKey = key("k1", 1);
    private final SigningKey newKey = key("k2", 2);

    private static SigningKey key(String id, int seed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) seed);
        return SigningKey.of(id, secret);
    }

    @Test
    void aTokenCarriesItsScopeAndAHashInPlaceOfTheContact() {
        GuardianConsentTokens tokens = new GuardianConsentTokens(SigningKeys.of(newKey), clock);

        String token = tokens.issue(MINOR, TOPICS, " Parent@Example.JP ", "けんた");
        GuardianConsentToken scope = tokens.verify(token).token();

        assertThat(token).startsWith("g.k2.");
        assertThat(scope.subject()).isEqualTo(MINOR);
        assertThat(scope.topics()).isEqualTo(TOPICS);
        assertThat(scope.accountDisplay()).isEqualTo("けんた");
        assertThat(scope.expiresAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(scope.contactHash()).isEqualTo(GuardianConsentTokens.contactHash(scope.id(), "parent@example.jp"))
                .hasSize(43);
        assertThat(scope.evidenceReference()).isEqualTo("guardian-link:" + scope.id() + " contact-sha256:" + scope.contactHash());
    }

    @Test
    void theSameContactHashesDifferentlyInEachToken() {
        GuardianConsentTokens tokens = new GuardianConsentTokens(SigningKeys.of(newKey), clock);

        GuardianConsentToken first = tokens.issueToken(MINOR, TOPICS, "parent@example.jp", "kenta");
        GuardianConsentToken second = tokens.issueToken(MINOR, TOPICS, "parent@example.jp", "kenta");

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.contactHash()).isNotEqualTo(second.contactHash());
    }

    @Test
    void aTokenSignedBeforeARotationStaysValidUntilTheOldKeyIsRemoved() {
        String token = new GuardianConsentTokens(SigningKeys.of(oldKey), clock).issue(MINOR, TOPICS, "p@example.jp", "kenta");

        assertThat(new GuardianConsentTokens(SigningKeys.of(newKey, oldKey), clock).verify(token).trusted()).isTrue();
        assertThat(new GuardianConsentTokens(SigningKeys.of(newKey), clock).verify(token).rejection())
                .isEqualTo(Rejection.UNKNOWN_KEY);
    }

    @Test
    void expiredForgedAndForeignTokensAreRefusedWithTheirReason() {
        GuardianConsentTokens tokens = new GuardianConsentTokens(SigningKeys.of(newKey), clock, Duration.ofDays(1));
        String token = tokens.issue(MINOR, TOPICS, "p@example.jp", "kenta");
        String[] parts = token.split("\\.");
        String otherPayload = tokens.issue(SubjectId.customer("other"), TOPICS, "p@example.jp", "kenta").split("\\.")[2];

        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + otherPayload + "." + parts[3]).rejection())
                .isEqualTo(Rejection.BAD_SIGNATURE);
        assertThat(tokens.verify("u" + token.substring(1)).rejection()).isEqualTo(Rejection.UNKNOWN_FORMAT);
        assertThat(tokens.verify("g.k2." + "A".repeat(2000) + ".x").rejection()).isEqualTo(Rejection.TOO_LARGE);
        assertThat(tokens.verify(null).rejection()).isEqualTo(Rejection.MALFORMED);
        clock.advance(Duration.ofDays(1));
        assertThat(tokens.verify(token).rejection()).isEqualTo(Rejection.EXPIRED);
    }

    @Test
    void whatCannotFitALinkIsRefusedWhenIssued() {
        GuardianConsentTokens tokens = new GuardianConsentTokens(SigningKeys.of(newKey), clock);
        List<Topic> many = IntStream.range(0, 17).mapToObj(i -> Topic.purpose("p" + i)).toList();

        assertThatThrownBy(() -> tokens.issue(MINOR, many, "p@example.jp", "kenta")).hasMessageContaining("1 to 16 topics");
        assertThatThrownBy(() -> tokens.issue(MINOR, List.of(), "p@example.jp", "kenta")).hasMessageContaining("1 to 16");
        assertThatThrownBy(() -> tokens.issue(MINOR, TOPICS, " ", "kenta")).hasMessageContaining("blank");
        assertThatThrownBy(() -> tokens.issue(MINOR, TOPICS, "p@example.jp", "x".repeat(81))).hasMessageContaining("80 bytes");
        assertThatThrownBy(() -> new GuardianConsentTokens(SigningKeys.of(newKey), clock, Duration.ZERO))
                .hasMessageContaining("PT0S");
    }

    @Test
    void linksNeedHttpsExceptOnLocalhost() {
        GuardianConsentTokens tokens = new GuardianConsentTokens(SigningKeys.of(newKey), clock);

        GuardianLinks.Link link = new GuardianLinks(tokens, URI.create("https://shop.example/consent"))
                .forMinor(MINOR, TOPICS, "p@example.jp", "kenta");

        assertThat(link.url()).startsWith("https://shop.example/consent/guardian-consent?token=g.k2.");
        assertThat(link.expiresAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(tokens.verify(link.url().substring(link.url().indexOf('=') + 1)).token().id()).isEqualTo(link.tokenId());
        assertThat(new GuardianLinks(tokens, URI.create("http://localhost:8080/consent/")).forMinor(MINOR, TOPICS, "p@x.jp", "k")
                .url()).startsWith("http://localhost:8080/consent/guardian-consent?token=");
        assertThatThrownBy(() -> new GuardianLinks(tokens, URI.create("http://shop.example/consent")))
                .hasMessageContaining("HTTPS");
        assertThatThrownBy(() -> new GuardianLinks(tokens, URI.create("https://shop.example/consent?x=1")))
                .hasMessageContaining("no query");
    }
}
