package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.MutableClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentObserverTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final InMemoryConsentStore store = new InMemoryConsentStore();
    private final List<List<ConsentEvent>> told = new ArrayList<>();
    private final SubjectId alice = SubjectId.customer("alice");

    private ConsentManager.Builder manager() {
        return ConsentManager.builder(ConsentManagerTest.POLICY, store).clock(clock)
                .settings(ConsentSettings.builder().defaultJurisdiction(Jurisdiction.JP).build());
    }

    @Test
    void everyAppendIsToldOnceStoredAsSealedEvents() {
        ConsentManager consents = manager().addObserver(told::add).build();
        SubjectId visitor = SubjectId.newVisitor();

        consents.record(ChoiceRequest.of(alice, Map.of(Topic.contact("newsletter", "email"), Action.GRANT),
                Source.PREFERENCE_CENTRE, Jurisdiction.JP, Evidence.NONE));
        consents.record(ChoiceRequest.of(visitor, Topic.category("advertising"), Action.DENY, Source.BANNER, Jurisdiction.JP));
        consents.link(visitor, SubjectId.customer("bob"), Signals.of(Jurisdiction.JP), Evidence.NONE);
        consents.recordGpc(alice, Signals.of(Jurisdiction.of("US-CA")).withGpc(true), Evidence.NONE);

        assertThat(told).hasSize(4);
        assertThat(told.get(0)).singleElement().satisfies(e -> {
            assertThat(e.topic()).isEqualTo(Topic.contact("newsletter", "email"));
            assertThat(e.hash()).isNotNull();
        });
        assertThat(told.get(2)).extracting(ConsentEvent::action).containsExactly(Action.LINK, Action.DENY);
        assertThat(told.get(3)).isNotEmpty().allMatch(e -> e.source() == Source.GPC_SIGNAL);
        assertThat(told.get(0)).containsExactly(store.events(alice).get(0));
    }

    @Test
    void aFailingObserverNeitherFailsTheRecordingNorKeepsTheNextFromBeingTold() {
        ConsentManager consents = manager()
                .addObserver(events -> {
                    throw new IllegalStateException("meter registry closed");
                })
                .addObserver(told::add)
                .build();

        for (int i = 0; i < 3; i++) {
            consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT, Source.API, Jurisdiction.JP));
        }

        assertThat(store.events(alice)).hasSize(3);
        assertThat(told).hasSize(3);
        assertThat(consents.allows(alice, "targeted-ads")).isTrue();
    }

    @Test
    void nothingIsToldOfWhatWasNotStored() {
        ConsentManager consents = ConsentManager.builder(ConsentManagerTest.POLICY, new ConsentStore() {
            @Override
            public List<ConsentEvent> append(List<NewEvent> events) {
                throw new ConsentStoreException("disk full");
            }

            @Override
            public List<ConsentEvent> events(SubjectId subject) {
                return List.of();
            }

            @Override
            public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
                return Map.of();
            }
        }).addObserver(told::add).build();

        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(alice, Topic.purpose("targeted-ads"), Action.GRANT,
                Source.API, Jurisdiction.JP))).isInstanceOf(ConsentStoreException.class);
        assertThat(told).isEmpty();
    }
}
