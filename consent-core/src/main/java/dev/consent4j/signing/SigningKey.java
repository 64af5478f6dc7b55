package dev.consent4j.signing;

import dev.consent4j.LogSafe;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret for HMAC-SHA256 signatures, with the id that signed values carry so that the right key
 * can be found after a rotation. The secret never appears in {@link #toString()}.
 */
public final class SigningKey {

    private static final String ALGORITHM = "HmacSHA256";

    /** Fewer bytes than the hash output would weaken HMAC-SHA256. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final byte[] secret;

    private SigningKey(String id, byte[] secret) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "a signing key id is 1 to 16 letters, digits, '-' or '_', but was " + LogSafe.quote(id));
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("signing key " + LogSafe.quote(id) + " has " + secret.length
                    + " bytes; it needs at least " + MIN_SECRET_BYTES);
        }
        this.id = id;
        this.secret = secret.clone();
    }

    public static SigningKey of(String id, byte[] secret) {
        return new SigningKey(id, secret);
    }

    /** A key from its secret in standard or URL-safe Base64, as kept in configuration. */
    public static SigningKey fromBase64(String id, String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        String trimmed = base64Secret.trim();
        byte[] secret;
        try {
            secret = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            // The message of the decoder quotes parts of the input, which is a secret.
            throw new IllegalArgumentException("signing key " + LogSafe.quote(id) + " is not valid Base64", null);
        }
        return new SigningKey(id, secret);
    }

    /** A new random 32-byte key. */
    public static SigningKey generate(String id) {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new SigningKey(id, secret);
    }

    public String id() {
        return id;
    }

    /**
     * A new HMAC-SHA256 {@code Mac} initialised with this key, for the signed values of consent4j's
     * modules: it signs and checks without handing out the secret. Not thread-safe, like any {@code Mac}.
     *
     * @throws IllegalStateException when the platform lacks HmacSHA256
     */
    public Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey key && key.id.equals(id) && Arrays.equals(key.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + "]";
    }
}
