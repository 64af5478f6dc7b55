package dev.consent4j.policy;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One version of the policy and the topics it changed relative to the version before it.
 * Choices made under an earlier version stay valid for unchanged topics and become stale for
 * the changed ones; a choice on a topic a later version removed is archived.
 *
 * @param changed ids of the purposes and cookie categories whose terms changed in this version,
 *                including every topic a {@link Change} names; a purpose on one contact channel is
 *                written {@code purpose:channel} ({@link #key(String, String)})
 * @param changes what was added, changed and removed, each with a short description
 */
public record Revision(String version, @Nullable LocalDate effectiveDate, List<String> changed, List<Change> changes) {

    /** What happened to a topic in a version. */
    public enum Kind {
        ADDED, CHANGED, REMOVED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One topic's change.
     *
     * @param topic       the purpose or cookie category id, or a purpose on one channel ({@code catalogue:phone})
     * @param description what changed, for the person asked again; may be empty
     */
    public record Change(String topic, Kind kind, LocalizedText description) {
        public Change {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(kind, "kind");
            description = description == null ? LocalizedText.EMPTY : description;
        }
    }

    public Revision {
        Objects.requireNonNull(version, "version");
        changes = List.copyOf(changes);
        Set<String> all = new LinkedHashSet<>(changed);
        changes.forEach(change -> all.add(change.topic()));
        changed = List.copyOf(all);
    }

    public Revision(String version, LocalDate effectiveDate, List<String> changed) {
        this(version, effectiveDate, changed, List.of());
    }

    /**
     * How the history names a purpose on one channel, {@code catalogue:phone}: a change to it makes
     * only choices on that channel stale; a change to {@code catalogue} makes every channel's stale.
     */
    public static String key(String purposeId, String channel) {
        return purposeId + ":" + channel;
    }

    /** Whether this version removed the topic (a purpose or category id, or a {@link #key(String, String)}). */
    public boolean removed(String topicId) {
        return changes.stream().anyMatch(c -> c.kind() == Kind.REMOVED && c.topic().equals(topicId));
    }
}
