package dev.consent4j.outbox;

import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Signals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store writes to its outbox for an append: the topics whose decision the append changed,
 * each decided before and after by the one decision function ({@link StateFolder#decide}) from
 * the subject's latest choices. A store built with this ({@code outbox(changes)} on its builder)
 * reads those latest choices under the chain's lock, in the append's transaction; a store built
 * without it reads and writes nothing more.
 *
 * <pre>{@code
 * DecisionChanges changes = DecisionChanges.of(consents.folder(), clock);
 * JdbcConsentStore store = JdbcConsentStore.builder(dataSource).outbox(changes).build();
 * }</pre>
 *
 * <p>The decisions are made in the jurisdiction the appended events were recorded in, without
 * request signals: a GPC opt-out reaches the outbox as the objection events it is recorded as.
 */
public final class DecisionChanges {

    private final StateFolder folder;
    private final Clock clock;
    /** Per topic, the declared topics whose decision a choice on it bears on ({@link StateFolder#topicsBearingOn}). */
    private final Map<Topic, Set<Topic>> bearsOn;

    private DecisionChanges(StateFolder folder, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Topic, Set<Topic>> bears = new HashMap<>();
        for (Topic topic : folder.topics()) {
            for (Topic bearing : folder.topicsBearingOn(topic)) {
                bears.computeIfAbsent(bearing, t -> new HashSet<>()).add(topic);
            }
        }
        this.bearsOn = Map.copyOf(bears);
    }

    /**
     * Changes decided under {@code policy} and {@code settings} (give the ones the
     * {@link dev.consent4j.ConsentManager} is built with), at {@code clock}'s time.
     */
    public static DecisionChanges of(Policy policy, ConsentSettings settings, Clock clock) {
        return new DecisionChanges(new StateFolder(policy, settings), clock);
    }

    /** The topics whose latest choices a store reads before an append. */
    public List<Topic> topics() {
        return folder.topics();
    }

    /**
     * The entry for one subject's part of an append, or empty when no decision changed.
     *
     * @param before   the subject's latest choice per topic before the append (events on topics the
     *                 policy does not declare are ignored)
     * @param appended the subject's sealed events of the append, in chain order
     */
    public Optional<OutboxEntry> entry(SubjectId subject, List<ConsentEvent> before, List<ConsentEvent> appended) {
        if (appended.isEmpty()) {
            return Optional.empty();
        }
        Map<Topic, Choice> old = new HashMap<>();
        for (ConsentEvent event : before) {
            if (event.topic() != null) {
                old.put(event.topic(), Choice.of(event));
            }
        }
        Map<Topic, Choice> now = new HashMap<>(old);
        List<EventId> ids = new ArrayList<>(appended.size());
        // A decision asks only the choices on the topics bearing on it, so no other can change.
        Set<Topic> affected = new HashSet<>();
        for (ConsentEvent event : appended) {
            ids.add(event.id());
            if (event.topic() != null) {
                now.put(event.topic(), Choice.of(event));
                affected.addAll(bearsOn.getOrDefault(event.topic(), Set.of()));
            }
        }
        ConsentEvent last = appended.get(appended.size() - 1);
        Signals signals = Signals.of(Jurisdiction.of(last.jurisdiction()));
        Instant at = clock.instant();
        List<DecisionChange> changes = new ArrayList<>();
        for (Topic topic : folder.topics()) {
            if (!affected.contains(topic)) {
                continue;
            }
            Decision was = folder.decide(topic, old::get, signals, at);
            Decision is = folder.decide(topic, now::get, signals, at);
            if (was.allowed() != is.allowed() || was.reason() != is.reason()) {
                changes.add(new DecisionChange(topic, was, is));
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OutboxEntry(subject, ids, changes, folder.policy().version(), signals.jurisdiction().code(), at));
    }
}
