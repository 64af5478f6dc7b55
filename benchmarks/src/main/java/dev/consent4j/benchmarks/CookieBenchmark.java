package dev.consent4j.benchmarks;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Checking the consent cookie (split, decode, HMAC-SHA256, constant-time compare, parse) beside
 * its floor: a bare HMAC-SHA256 of the same signed bytes on a ready {@link Mac}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CookieBenchmark {

    private final ConsentCookieCodec codec;
    private final String value;
    private final byte[] signedBytes;
    private final Mac mac;
    private final Instant now;

    /**
     * The setup a trial-level {@code @Setup} method would do, in the constructor so that every field
     * is final and assigned: JMH builds this state once per thread for each trial.
     */
    public CookieBenchmark() {
        Policy policy = Fixtures.examplePolicy();
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        codec = new ConsentCookieCodec(SigningKeys.of(SigningKey.of("k1", secret)), Duration.ofDays(365));
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (CookieCategory category : policy.cookieCategories()) {
            choices.put(Topic.category(category.id()), Action.GRANT);
        }
        now = Instant.now();
        value = codec.encode(ConsentCookie.of(SubjectId.newVisitor(), policy.version(), now, choices, false));
        signedBytes = value.substring(0, value.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = hmacSha256(secret);
        if (!codec.decode(value, now).trusted()) {
            throw new IllegalStateException("the benchmark's own cookie does not verify");
        }
    }

    /** Unchecked, because JMH's generated subclasses of this state have default constructors, which cannot throw. */
    private static Mac hmacSha256(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA256 in this JVM", e);
        }
    }

    @Benchmark
    public ConsentCookieCodec.Result verifyConsentCookie() {
        return codec.decode(value, now);
    }

    @Benchmark
    public byte[] baselineBareHmacSha256() {
        return mac.doFinal(signedBytes);
    }
}
