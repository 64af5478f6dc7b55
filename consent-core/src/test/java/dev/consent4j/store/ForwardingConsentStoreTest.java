package dev.consent4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingConsentStoreTest {

    /** A delegate that writes down each call and answers it with a value of its own. */
    private static final class Recording implements InvocationHandler {
        final List<Object[]> calls = new ArrayList<>();
        final List<Method> methods = new ArrayList<>();
        final Map<Class<?>, Object> answers = Map.of(
                List.class, List.of(),
                Optional.class, Optional.of("answer"),
                Map.class, Map.of(),
                ChainVerification.class, new ChainVerification(false, 7, 3, "recorded"));

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            methods.add(method);
            calls.add(args == null ? new Object[0] : args);
            return answers.get(method.getReturnType());
        }
    }

    private static Object argument(Class<?> type) {
        if (type == SubjectId.class) {
            return SubjectId.customer("alice");
        }
        if (type == EventId.class) {
            return EventId.random();
        }
        if (type == List.class || type == Collection.class) {
            return List.of(Topic.purpose("newsletter"));
        }
        throw new AssertionError("no argument for " + type + "; teach this test the new parameter type");
    }

    @Test
    void everyMethodOfTheStoreIsPassedOnWithItsArgumentsAndItsAnswer() throws Exception {
        Recording recording = new Recording();
        ConsentStore delegate = (ConsentStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConsentStore.class}, recording);
        ConsentStore forwarding = new ForwardingConsentStore(delegate) { };

        // appendReadingLatest goes through the decorator's own append (see the test below).
        List<Method> methods = Arrays.stream(ConsentStore.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !method.getName().equals("appendReadingLatest")).toList();
        assertThat(methods).extracting(Method::getName)
                .contains("append", "events", "event", "latestEvents", "audienceQueries", "outbox", "verify");
        for (Method method : methods) {
            Object[] args = Arrays.stream(method.getParameterTypes()).map(ForwardingConsentStoreTest::argument).toArray();
            int before = recording.calls.size();

            Object answer = method.invoke(forwarding, args);

            assertThat(recording.calls).as(method.getName()).hasSize(before + 1);
            assertThat(recording.methods.get(before)).as(method.getName()).isEqualTo(method);
            assertThat(recording.calls.get(before)).as(method.getName()).containsExactly(args);
            assertThat(answer).as(method.getName()).isSameAs(recording.answers.get(method.getReturnType()));
        }
    }

    @Test
    void anAppendReadingTheLatestEventsGoesThroughTheDecoratorsOwnAppend() {
        InMemoryConsentStore store = new InMemoryConsentStore();
        List<NewEvent> seen = new ArrayList<>();
        ConsentStore decorated = new ForwardingConsentStore(store) {
            @Override
            public List<dev.consent4j.event.ConsentEvent> append(List<NewEvent> events) {
                seen.addAll(events);
                return super.append(events);
            }
        };
        SubjectId alice = SubjectId.customer("alice");
        NewEvent grant = NewEvent.of(alice, Topic.purpose("newsletter"), Action.GRANT, "v1",
                Instant.parse("2026-11-02T00:00:00Z"), Source.BANNER, Actor.SELF, "JP", null, null, null);

        Appended appended = decorated.appendReadingLatest(List.of(grant));

        assertThat(seen).containsExactly(grant);
        assertThat(appended.stored()).isEqualTo(store.events(alice));
        assertThat(appended.latest(alice)).isEqualTo(store.latestEvents(alice)).hasSize(1);
    }

    @Test
    void aDecoratorKeepsTheWrappedStoresOutboxAndVerification() {
        InMemoryConsentStore store = new InMemoryConsentStore();
        ConsentStore decorated = new ForwardingConsentStore(store) { };
        SubjectId alice = SubjectId.customer("alice");

        decorated.append(List.of(NewEvent.of(alice, Topic.purpose("newsletter"), Action.GRANT, "v1",
                Instant.parse("2026-11-02T00:00:00Z"), Source.BANNER, Actor.SELF, "JP", null, null, null)));

        assertThat(decorated.events(alice)).isEqualTo(store.events(alice)).hasSize(1);
        assertThat(decorated.verify(alice)).isEqualTo(store.verify(alice));
        assertThat(decorated.outbox()).isEqualTo(store.outbox());
    }
}
