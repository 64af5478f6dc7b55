package dev.consent4j.policy.load;

import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Revision;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code history}: the versions of the policy, oldest first, with the topics each changed
 * ({@code changed}) and what was added, changed and removed, each with a short description
 * ({@code changes}). A removed topic may no longer be declared, unless a later version adds it back.
 */
final class HistoryReader {

    private static final Set<String> REVISION_KEYS = Set.of("version", "effective-date", "changed", "changes");
    private static final Set<String> CHANGE_KEYS = Set.of("topic", "change", "description");
    private static final List<String> KINDS = Arrays.stream(Revision.Kind.values()).map(Revision.Kind::id).toList();

    private final Problems problems;

    HistoryReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * @param topicIds the purposes and categories the policy declares
     * @param channels each purpose's channels, by purpose id: a change may name one ({@code catalogue:phone})
     */
    List<Revision> read(Fields top, @Nullable String version, Set<String> topicIds, Map<String, List<String>> channels) {
        Set<String> removedIds = removedIds(top);
        Set<String> declared = new LinkedHashSet<>(topicIds);
        channels.forEach((purpose, list) -> list.forEach(channel -> declared.add(Revision.key(purpose, channel))));
        Set<String> known = new LinkedHashSet<>(declared);
        known.addAll(removedIds);
        List<Revision> history = new ArrayList<>();
        List<Fields> removals = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        top.forEach("history", REVISION_KEYS, f -> {
            String revisionVersion = f.text("version", true);
            if (revisionVersion != null && !versions.add(revisionVersion)) {
                problems.error(f.path("version"), f.at("version"), "version '" + revisionVersion + "' appears twice in the history");
            }
            List<String> changed = new ArrayList<>();
            List<String> named = f.texts("changed");
            for (int i = 0; i < named.size(); i++) {
                if (known(named.get(i), known, channels, PathNames.item(f.path("changed"), i), f.at("changed"), "")) {
                    changed.add(named.get(i));
                }
            }
            List<Revision.Change> changes = new ArrayList<>();
            List<Node> nodes = f.list("changes");
            for (int i = 0; i < nodes.size(); i++) {
                Fields c = Fields.of(nodes.get(i), PathNames.item(f.path("changes"), i), problems, f.languages(), CHANGE_KEYS);
                Revision.Change change = c == null ? null : change(c, known, channels);
                if (change != null) {
                    changes.add(change);
                    if (change.kind() == Revision.Kind.REMOVED) {
                        removals.add(c);
                    }
                }
            }
            LocalDate revisionDate = f.date("effective-date", false);
            if (revisionVersion != null) {
                history.add(new Revision(revisionVersion, revisionDate, changed, changes));
            }
        });
        if (!history.isEmpty() && version != null && history.stream().noneMatch(r -> r.version().equals(version))) {
            problems.error("history", top.at("history"), "the history does not list the current version '" + version
                    + "'; add it as the last revision, with the topics it changed");
        }
        checkRemovedStayRemoved(history, removals, declared);
        return history;
    }

    /**
     * Whether {@code key} names a purpose or category the policy declares or a change removed, or
     * such a purpose on one of its channels ({@code catalogue:phone}); reports it when not.
     */
    private boolean known(String key, Set<String> known, Map<String, List<String>> channels, String path, Node at,
            String hint) {
        if (known.contains(key)) {
            return true;
        }
        int colon = key.indexOf(':');
        String purpose = colon < 0 ? null : key.substring(0, colon);
        if (purpose != null && channels.containsKey(purpose)) {
            problems.error(path, at, "'" + key.substring(colon + 1) + "' is not a channel of purpose '" + purpose + "'"
                    + (channels.get(purpose).isEmpty() ? ", which has none" : " " + channels.get(purpose))
                    + "; a channel no longer used is named by a change: removed" + Suggestions.didYouMean(key, known));
        } else if (purpose != null && known.contains(purpose)) {
            problems.error(path, at, "'" + purpose + "' is a cookie category or a removed purpose, and has no channels to "
                    + "name; write '" + purpose + "' alone");
        } else {
            problems.error(path, at, Suggestions.unknown(key, known, "purpose or cookie category") + hint);
        }
        return false;
    }

    private Revision.@Nullable Change change(Fields c, Set<String> known, Map<String, List<String>> channels) {
        String topic = c.text("topic", true);
        if (topic != null && !known(topic, known, channels, c.path("topic"), c.at("topic"),
                "; a removed topic is named by a change: removed")) {
            topic = null;
        }
        String kindText = c.text("change", true);
        Revision.Kind kind = null;
        if (kindText != null) {
            if (KINDS.contains(kindText)) {
                kind = Revision.Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } else {
                problems.error(c.path("change"), c.at("change"), "change must be added, changed or removed, but was '"
                        + kindText + "'" + Suggestions.didYouMean(kindText, KINDS));
            }
        }
        LocalizedText description = c.localized("description", true);
        return topic == null || kind == null || description == null ? null : new Revision.Change(topic, kind, description);
    }

    /** The ids that some change removes: they may be named although no longer declared. */
    private static Set<String> removedIds(Fields top) {
        Set<String> ids = new HashSet<>();
        for (Node revision : top.list("history")) {
            if (revision instanceof Node.ObjectNode r && r.fields().get("changes") instanceof Node.ArrayNode changes) {
                for (Node change : changes.items()) {
                    if (change instanceof Node.ObjectNode ch && ch.fields().get("change") instanceof Node.ScalarNode kind
                            && "removed".equals(kind.text()) && ch.fields().get("topic") instanceof Node.ScalarNode id
                            && id.text() != null) {
                        ids.add(id.text().trim());
                    }
                }
            }
        }
        return ids;
    }

    /** A topic still declared must have been added back after its last removal. */
    private void checkRemovedStayRemoved(List<Revision> history, List<Fields> removals, Set<String> topicIds) {
        for (Fields removal : removals) {
            String topic = removal.text("topic", false);
            if (topic == null || !topicIds.contains(topic)) {
                continue;
            }
            boolean present = true;
            for (Revision revision : history) {
                for (Revision.Change change : revision.changes()) {
                    if (change.topic().equals(topic)) {
                        present = change.kind() != Revision.Kind.REMOVED;
                    }
                }
            }
            if (!present) {
                problems.error(removal.path("topic"), removal.at("topic"), "'" + topic + "' is removed in the history but "
                        + "the policy still declares it; delete it from the policy, or add a later change: added");
            }
        }
    }
}
