package dev.consent4j.internal.signing;

import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * HMAC-SHA256 signatures under a set of {@link SigningKeys}: signs with the newest key, verifies
 * under whichever key a value names, comparing in constant time. Shared by the consent cookie and
 * the unsubscribe tokens. Thread-safe: each thread keeps its own initialised {@code Mac} per key,
 * because {@code Mac.getInstance} per call costs more than the signature itself.
 */
public final class Signatures {

    /** Length of an HMAC-SHA256 output in bytes. */
    public static final int LENGTH = 32;

    private final SigningKeys keys;
    private final Map<String, ThreadLocal<Mac>> macs;
    /** The key ids and their {@code Mac}s in the order of {@link SigningKeys#all()}, newest first. */
    private final String[] ids;
    private final List<ThreadLocal<Mac>> macsInOrder;

    public Signatures(SigningKeys keys) {
        this.keys = keys;
        Map<String, ThreadLocal<Mac>> byId = new HashMap<>();
        List<ThreadLocal<Mac>> inOrder = new ArrayList<>();
        for (SigningKey key : keys.all()) {
            key.newMac(); // fails now, at construction, if the platform lacks HmacSHA256
            ThreadLocal<Mac> mac = ThreadLocal.withInitial(key::newMac);
            byId.put(key.id(), mac);
            inOrder.add(mac);
        }
        this.macs = Map.copyOf(byId);
        this.macsInOrder = List.copyOf(inOrder);
        this.ids = keys.all().stream().map(SigningKey::id).toArray(String[]::new);
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
        return macsInOrder.get(0).get().doFinal(data); // keys.all() lists the current key first
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

    /**
     * The position, newest first, of the key whose id is {@code text[from, to)}, or -1 for none:
     * the id is compared where it lies, without cutting it out of the text.
     */
    int keyIndex(String text, int from, int to) {
        int length = to - from;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length() == length && text.regionMatches(from, ids[i], 0, length)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code signature} is the signature of {@code data[0, length)} under the key at {@code keyIndex}. */
    boolean verify(int keyIndex, byte[] data, int length, byte[] signature) {
        Mac mac = macsInOrder.get(keyIndex).get();
        mac.update(data, 0, length);
        return MessageDigest.isEqual(mac.doFinal(), signature);
    }

    public boolean knows(String keyId) {
        return macs.containsKey(keyId);
    }
}
