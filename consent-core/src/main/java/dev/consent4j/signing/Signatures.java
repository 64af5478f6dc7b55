package dev.consent4j.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures under a set of {@link SigningKeys}: signs with the newest key, verifies
 * under whichever key a value names, comparing in constant time. Shared by the consent cookie and
 * the unsubscribe tokens. Thread-safe: each thread keeps its own initialised {@code Mac} per key,
 * because {@code Mac.getInstance} per call costs more than the signature itself.
 */
public final class Signatures {

    /** Length of an HMAC-SHA256 output in bytes. */
    public static final int LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SigningKeys keys;
    private final Map<String, ThreadLocal<Mac>> macs;

    public Signatures(SigningKeys keys) {
        this.keys = keys;
        Map<String, ThreadLocal<Mac>> byId = new HashMap<>();
        for (SigningKey key : keys.all()) {
            SecretKeySpec spec = new SecretKeySpec(key.secret(), ALGORITHM);
            newMac(spec); // fails now, at construction, if the platform lacks HmacSHA256
            byId.put(key.id(), ThreadLocal.withInitial(() -> newMac(spec)));
        }
        this.macs = Map.copyOf(byId);
    }

    public SigningKeys keys() {
        return keys;
    }

    /** The id of the key {@link #sign} uses. */
    public String currentKeyId() {
        return keys.current().id();
    }

    /** The signature of {@code data} under the newest key. */
    public byte[] sign(byte[] data) {
        return macs.get(currentKeyId()).get().doFinal(data);
    }

    /**
     * Whether {@code signature} is the signature of {@code data} under the key {@code keyId};
     * false for an unknown key.
     */
    public boolean verify(String keyId, byte[] data, byte[] signature) {
        ThreadLocal<Mac> mac = macs.get(keyId);
        if (mac == null) {
            return false;
        }
        return MessageDigest.isEqual(mac.get().doFinal(data), signature);
    }

    public boolean knows(String keyId) {
        return macs.containsKey(keyId);
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
