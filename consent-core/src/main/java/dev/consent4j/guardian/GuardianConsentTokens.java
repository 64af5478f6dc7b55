package dev.consent4j.guardian;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.signing.ExpiringTokens;
import dev.consent4j.internal.signing.SignedValues;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Issues and verifies guardian-consent tokens: {@code g.<key id>.<payload>.<signature>} in the
 * {@link SignedValues} envelope, format {@code g}. Payload: the token id (16 random bytes), the
 * expiry (8 bytes, epoch seconds), the contact hash (32 bytes), then the subject, the account
 * display and each topic (1-byte length and UTF-8; the topics after a 1-byte count). Signed with
 * the same keys, and rotated the same way, as the consent cookie and the unsubscribe links.
 *
 * <p>A token is single use, but the token cannot know that it was used: the guardian-consent
 * endpoint records the answers with {@link dev.consent4j.ConsentManager#recordOnce} keyed by the
 * token id, so the events' ids derive from it and "used" is the events themselves — as durable,
 * and as shared between nodes, as the consent evidence.
 */
public final class GuardianConsentTokens {

    /** The format this version writes and reads. */
    public static final char FORMAT = 'g';

    /** A guardian reads mail within days; a week by default. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /** Longer than any token {@link #issue} writes: the caps below keep it under this. */
    public static final int MAX_TOKEN_LENGTH = 1400;

    static final int MAX_ACCOUNT_DISPLAY_BYTES = 80;
    static final int MAX_TOPICS = 16;
    private static final String REFERENCE_PREFIX = "guardian-link:";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final ExpiringTokens tokens;
    private final SecureRandom random = new SecureRandom();

    public GuardianConsentTokens(SigningKeys keys, Clock clock, Duration validity) {
        this.tokens = new ExpiringTokens(keys, clock, validity);
    }

    public GuardianConsentTokens(SigningKeys keys, Clock clock) {
        this(keys, clock, DEFAULT_VALIDITY);
    }

    public Duration validity() {
        return tokens.validity();
    }

    /**
     * A token asking the guardian reachable at {@code guardianContact} about {@code topics} for
     * {@code minor}. The contact is hashed at once and not kept.
     *
     * @param accountDisplay how the page names the account (at most 80 bytes of UTF-8)
     * @throws IllegalArgumentException when there are no topics, more than 16, or a text is too long
     */
    public GuardianConsentToken issueToken(SubjectId minor, Collection<Topic> topics, String guardianContact,
            String accountDisplay) {
        Objects.requireNonNull(minor, "minor");
        Objects.requireNonNull(guardianContact, "guardianContact");
        if (guardianContact.isBlank()) {
            throw new IllegalArgumentException("the guardian's contact must not be blank");
        }
        List<Topic> distinct = new ArrayList<>(new LinkedHashSet<>(topics));
        if (distinct.isEmpty() || distinct.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("a guardian-consent link asks about 1 to " + MAX_TOPICS
                    + " topics, but was given " + distinct.size());
        }
        if (accountDisplay.getBytes(StandardCharsets.UTF_8).length > MAX_ACCOUNT_DISPLAY_BYTES) {
            throw new IllegalArgumentException("accountDisplay takes at most " + MAX_ACCOUNT_DISPLAY_BYTES
                    + " bytes of UTF-8, but was " + accountDisplay.getBytes(StandardCharsets.UTF_8).length);
        }
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = BASE64.encodeToString(idBytes);
        Instant expiresAt = tokens.expiryFromNow();
        return new GuardianConsentToken(id, minor, accountDisplay, distinct, contactHash(id, guardianContact), expiresAt);
    }

    /** {@link #issueToken}, as the string that goes into the link. */
    public String issue(SubjectId minor, Collection<Topic> topics, String guardianContact, String accountDisplay) {
        return seal(issueToken(minor, topics, guardianContact, accountDisplay));
    }

    /** The signed string of {@code token}. */
    public String seal(GuardianConsentToken token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] id = Base64.getUrlDecoder().decode(token.id());
        out.writeBytes(id);
        out.writeBytes(ByteBuffer.allocate(8).putLong(token.expiresAt().getEpochSecond()).array());
        out.writeBytes(Base64.getUrlDecoder().decode(token.contactHash()));
        text(out, token.subject().toString());
        text(out, token.accountDisplay());
        out.write(token.topics().size());
        for (Topic topic : token.topics()) {
            text(out, topic.toString());
        }
        String sealed = tokens.seal(FORMAT, out.toByteArray());
        if (sealed.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the subject, account display and topics make a token of " + sealed.length()
                    + " characters, more than a link can carry (" + MAX_TOKEN_LENGTH + "); ask about fewer topics at once");
        }
        return sealed;
    }

    /** Verifies a token. Never throws for bad input. */
    public Verified verify(String token) {
        ExpiringTokens.Verified<GuardianConsentToken> verified = tokens.verify(token, FORMAT, MAX_TOKEN_LENGTH,
                GuardianConsentTokens::read, GuardianConsentToken::expiresAt);
        return new Verified(verified.token(), verified.rejection());
    }

    private static GuardianConsentToken read(ByteBuffer in) {
        byte[] id = new byte[16];
        in.get(id);
        Instant expiresAt = Instant.ofEpochSecond(in.getLong());
        byte[] hash = new byte[32];
        in.get(hash);
        SubjectId subject = SubjectId.parse(ExpiringTokens.readText(in));
        String display = ExpiringTokens.readText(in);
        int count = in.get() & 0xff;
        List<Topic> topics = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            topics.add(Topic.parse(ExpiringTokens.readText(in)));
        }
        return new GuardianConsentToken(BASE64.encodeToString(id), subject, display, topics, BASE64.encodeToString(hash),
                expiresAt);
    }

    /**
     * The hash a token and its evidence hold in place of the guardian's contact: SHA-256 over the
     * token id and the contact (trimmed, lower-cased), URL-safe Base64. Salted by the token id, it
     * links no two requests to the same guardian, yet a privacy officer given the contact can
     * check which address a recorded consent was asked of.
     */
    public static String contactHash(String tokenId, String contact) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(tokenId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(contact.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * What the events a token records carry at the start of their evidence's notice version:
     * {@code guardian-link:<id> contact-sha256:<hash>}.
     */
    static String evidenceReference(String tokenId, String contactHash) {
        return REFERENCE_PREFIX + tokenId + " contact-sha256:" + contactHash;
    }

    private static void text(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("too long for a guardian-consent token (255 bytes at most): " + value.length()
                    + " characters");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** A verified token's scope, or why the token was refused. */
    public record Verified(@Nullable GuardianConsentToken token, @Nullable Rejection rejection) {

        public boolean trusted() {
            return token != null;
        }
    }
}
