package dev.consent4j.internal.chain;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.NewEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tamper-evident chain of one subject's events: each event's hash is SHA-256 over a
 * canonical encoding of its fields and the previous event's hash.
 *
 * <p>The encoding is format 1: fields in a fixed order, each as its UTF-8 length in decimal, a
 * colon, and the bytes; absent fields as {@code -}. Changing it would break every stored chain,
 * so a new encoding gets a new format number (see COMPATIBILITY.md). Implementation: the stores
 * seal and check events with it; {@link dev.consent4j.store.ConsentStore#verify} is the API.
 */
public final class EventChain {

    /** The hash format written by this version. */
    public static final int FORMAT = 1;

    private EventChain() {
    }

    /** The hash of {@code event} placed at {@code sequence} after the event whose hash is {@code previousHash}. */
    public static String hash(NewEvent event, long sequence, String previousHash) {
        StringBuilder canonical = new StringBuilder(256);
        append(canonical, "f" + FORMAT);
        append(canonical, event.id().toString());
        append(canonical, event.subject().toString());
        append(canonical, event.topic() == null ? null : event.topic().toString());
        append(canonical, event.action().name());
        append(canonical, event.policyVersion());
        append(canonical, event.time().toString());
        append(canonical, event.source().name());
        append(canonical, event.actor().kind().name());
        append(canonical, event.actor().operatorId());
        append(canonical, event.jurisdiction());
        append(canonical, event.evidence().noticeVersion());
        append(canonical, event.evidence().language());
        append(canonical, event.evidence().userAgent());
        append(canonical, event.evidence().network());
        append(canonical, event.linkedVisitor() == null ? null : event.linkedVisitor().toString());
        append(canonical, event.supersedes() == null ? null : event.supersedes().toString());
        append(canonical, Long.toString(sequence));
        append(canonical, previousHash);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Checks a subject's events, in sequence order: sequences run 1, 2, 3…, each event links to
     * the hash of the one before, and each hash matches the event's content.
     */
    public static ChainVerification verify(List<ConsentEvent> events) {
        String previous = "";
        for (int i = 0; i < events.size(); i++) {
            ConsentEvent event = events.get(i);
            if (event.sequence() != i + 1) {
                return ChainVerification.broken(i, "expected sequence " + (i + 1) + " but found " + event.sequence());
            }
            if (!previous.equals(event.previousHash())) {
                return ChainVerification.broken(i, "event " + event.id() + " does not link to the hash of the event before it");
            }
            if (!hash(event.content(), event.sequence(), event.previousHash()).equals(event.hash())) {
                return ChainVerification.broken(i, "event " + event.id() + " does not match its hash; it was changed after it was stored");
            }
            previous = event.hash();
        }
        return ChainVerification.intact(events.size());
    }

    private static void append(StringBuilder canonical, @Nullable String field) {
        if (field == null) {
            canonical.append('-');
            return;
        }
        canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
    }
}
