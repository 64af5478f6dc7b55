package dev.consent4j.guardian;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a guardian-consent link allows: one guardian's answers on {@code topics} for the minor
 * {@code subject}, once, until it expires.
 *
 * @param id             random, unique per link; named in the evidence of the events the link records,
 *                       which is also how a second use is recognised
 * @param accountDisplay how the page names the minor's account, exactly as the shop gave it
 *                       (a nickname, a masked e-mail); never looked up by the library
 * @param contactHash    {@link GuardianConsentTokens#contactHash} of the guardian's contact as the
 *                       minor gave it; the contact itself is not in the token
 */
public record GuardianConsentToken(String id, SubjectId subject, String accountDisplay, List<Topic> topics,
        String contactHash, Instant expiresAt) {

    public GuardianConsentToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(accountDisplay, "accountDisplay");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a guardian-consent token names at least one topic");
        }
        Objects.requireNonNull(contactHash, "contactHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The text the events recorded through this token carry as their notice version, before the notice's own. */
    public String evidenceReference() {
        return GuardianConsentTokens.evidenceReference(id, contactHash);
    }
}
