package dev.consent4j.outbox.webhook;

import dev.consent4j.internal.signing.Signatures;
import dev.consent4j.signing.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signature of a webhook: HMAC-SHA256, under one of the shop's {@link SigningKeys}, of
 * {@code <timestamp>.<body>} — the {@value #TIMESTAMP} header's value (seconds since the epoch), a
 * dot, and the body's bytes — in lower-case hex, sent as {@code keyid=<id>, v1=<hex>} in the
 * {@value #SIGNATURE} header. The timestamp is signed so that a recorded request cannot be
 * replayed later than the receiver's tolerance.
 */
public final class WebhookSignature {

    /** The header with the signature. */
    public static final String SIGNATURE = "Consent4j-Signature";
    /** The header with the time of signing, in seconds since the epoch. */
    public static final String TIMESTAMP = "Consent4j-Timestamp";
    /** The header with the idempotency key, the same on every attempt of one message. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final HexFormat HEX = HexFormat.of();

    private final Signatures signatures;

    public WebhookSignature(SigningKeys keys) {
        this.signatures = new Signatures(Objects.requireNonNull(keys, "keys"));
    }

    /** The {@value #SIGNATURE} header's value for a body signed at {@code timestamp} (epoch seconds). */
    public String sign(long timestamp, byte[] body) {
        return "keyid=" + signatures.currentKeyId() + ", v1=" + HEX.formatHex(signatures.sign(signed(timestamp, body)));
    }

    /**
     * Whether a received webhook is genuine: the signature header names a known key and its
     * {@code v1} matches, and the timestamp is within {@code tolerance} of {@code now}.
     */
    public boolean verify(String signatureHeader, String timestampHeader, byte[] body, Instant now, Duration tolerance) {
        if (signatureHeader == null || timestampHeader == null || body == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        String keyId = null;
        byte[] mac = null;
        for (String part : signatureHeader.split(",")) {
            String item = part.trim();
            if (item.startsWith("keyid=")) {
                keyId = item.substring(6);
            } else if (item.startsWith("v1=")) {
                try {
                    mac = HEX.parseHex(item.substring(3));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return keyId != null && mac != null && signatures.verify(keyId, signed(timestamp, body), mac);
    }

    private static byte[] signed(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return all;
    }
}
