package dev.consent4j.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreContract;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingConsentStoreTest extends ConsentStoreContract {

    private final AtomicLong nanos = new AtomicLong();
    private final InMemoryConsentStore behind = new InMemoryConsentStore();

    @Override
    protected ConsentStore createStore() {
        return CachingConsentStore.builder(behind).expireAfterWrite(Duration.ofSeconds(1)).ticker(nanos::get).build();
    }

    @Override
    protected ConsentStore createStore(dev.consent4j.outbox.DecisionChanges changes) {
        return CachingConsentStore.builder(new InMemoryConsentStore(changes)).expireAfterWrite(Duration.ofSeconds(1))
                .ticker(nanos::get).build();
    }

    @Test
    void readsAreServedFromTheCacheUntilAWriteThroughIt() {
        SubjectId alice = SubjectId.customer("alice");
        store.append(List.of(event(alice, Topic.purpose("targeted-ads"), Action.GRANT, 0)));
        assertThat(store.events(alice)).hasSize(1);

        // Another node writes to the shared store; this node still serves its cached copy...
        behind.append(List.of(event(alice, Topic.purpose("targeted-ads"), Action.WITHDRAW, 1)));
        assertThat(store.events(alice)).hasSize(1);
        // ...until the entry is a second old,
        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(store.events(alice)).extracting(ConsentEvent::action).containsExactly(Action.GRANT, Action.WITHDRAW);
        // and a write through this node is seen at once.
        store.append(List.of(event(alice, Topic.purpose("targeted-ads"), Action.GRANT, 2)));
        assertThat(store.events(alice)).hasSize(3);
    }

    @Test
    void evictForgetsASubjectAtOnce() {
        SubjectId alice = SubjectId.customer("alice");
        assertThat(store.events(alice)).isEmpty();
        behind.append(List.of(event(alice, Topic.purpose("targeted-ads"), Action.GRANT, 0)));

        ((CachingConsentStore) store).evict(alice);

        assertThat(store.events(alice)).hasSize(1);
    }
}
