package dev.consent4j.servlet.testing;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.event.Action;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** The test shop's policy, an in-memory store, a movable clock and fixed signing keys. */
public final class ShopFixture {

    public static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/servlet/shop-policy.yaml",
            ShopFixture.class.getClassLoader());

    public final MutableClock clock = MutableClock.at("2026-11-20T10:00:00Z");
    public final CountingStore store = new CountingStore();
    public final ConsentManager consents = ConsentManager.builder(POLICY, store)
            .clock(clock)
            .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build())
            .build();
    public final SigningKey key = key("k2", 2);
    public final SigningKey oldKey = key("k1", 1);
    public final SigningKeys keys = SigningKeys.of(key, oldKey);

    public ConsentFilter.Builder filter() {
        return ConsentFilter.builder(consents, keys);
    }

    /** A deterministic key, so failures are reproducible. */
    public static SigningKey key(String id, int seed) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) seed);
        byte[] label = id.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, secret, 0, label.length);
        return SigningKey.of(id, secret);
    }

    /** A consent cookie with these choices, made now by a new visitor. */
    public ConsentCookie cookie(Map<Topic, Action> choices) {
        return ConsentCookie.of(SubjectId.newVisitor(), POLICY.version(), clock.instant(), choices, false);
    }

    /** The {@code Cookie} request header value that carries {@code value} under the plain-HTTP name. */
    public static String header(String value) {
        return "consent=" + value;
    }
}
