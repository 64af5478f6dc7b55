package dev.consent4j.signing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys that signed values may carry, newest first. The newest key signs everything issued
 * now; the older ones are still accepted, so values signed before a rotation stay valid until the
 * older key is removed.
 *
 * <p>Rotation: add the new key at the front, deploy to every node, and remove the old key once
 * the values it signed have expired (the consent cookie's lifetime, or the unsubscribe tokens').
 */
public final class SigningKeys {

    private final List<SigningKey> keys;
    private final Map<String, SigningKey> byId;

    private SigningKeys(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is needed");
        }
        Map<String, SigningKey> index = new HashMap<>();
        for (SigningKey key : keys) {
            if (index.put(key.id(), key) != null) {
                throw new IllegalArgumentException("signing key id '" + key.id() + "' is used twice");
            }
        }
        this.keys = List.copyOf(keys);
        this.byId = Map.copyOf(index);
    }

    /** The keys, newest first. */
    public static SigningKeys of(SigningKey newest, SigningKey... older) {
        List<SigningKey> all = new ArrayList<>(older.length + 1);
        all.add(newest);
        all.addAll(Arrays.asList(older));
        return new SigningKeys(all);
    }

    public static SigningKeys of(List<SigningKey> newestFirst) {
        return new SigningKeys(newestFirst);
    }

    /** The key that signs new values. */
    public SigningKey current() {
        return keys.get(0);
    }

    public Optional<SigningKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<SigningKey> all() {
        return keys;
    }

    @Override
    public String toString() {
        return "SigningKeys" + keys;
    }
}
