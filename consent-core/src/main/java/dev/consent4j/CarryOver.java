package dev.consent4j;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The events {@link ConsentManager#link} appends: the LINK, then the visitor's choices that carry over. */
final class CarryOver {

    private final ConsentSettings settings;

    CarryOver(ConsentSettings settings) {
        this.settings = settings;
    }

    List<NewEvent> events(SubjectId visitor, List<ConsentEvent> visitorEvents, SubjectId customer,
            List<ConsentEvent> customerEvents, String policyVersion, Signals signals, Evidence evidence, Instant now) {
        Map<Topic, Choice> visitorChoices = byTopic(StateFolder.latestChoices(visitorEvents));
        Map<Topic, Choice> customerChoices = byTopic(StateFolder.latestChoices(customerEvents));
        List<NewEvent> events = new ArrayList<>();
        events.add(NewEvent.of(customer, null, Action.LINK, policyVersion,
                now, Source.LOGIN_LINK, Actor.SELF, signals.jurisdiction().code(), evidence, visitor, null));
        for (Choice choice : visitorChoices.values()) {
            Choice existing = customerChoices.get(choice.topic());
            if (carries(choice, existing)) {
                Actor actor = choice.actor() == Actor.Kind.GUARDIAN ? Actor.GUARDIAN : Actor.SELF;
                events.add(NewEvent.of(customer, choice.topic(), choice.action(), choice.policyVersion(),
                        choice.at(), Source.LOGIN_LINK, actor, signals.jurisdiction().code(), evidence, visitor, null));
            }
        }
        return events;
    }

    private boolean carries(Choice visitor, @Nullable Choice customer) {
        switch (settings.carryOver()) {
            case NONE:
                return false;
            case CUSTOMER_FIRST:
                return customer == null;
            case RESTRICTIVE:
            default:
                if (customer == null) {
                    return true;
                }
                boolean visitorRefuses = visitor.action() != Action.GRANT;
                boolean customerGrants = customer.action() == Action.GRANT;
                return visitorRefuses && customerGrants;
        }
    }

    private static Map<Topic, Choice> byTopic(Collection<Choice> choices) {
        Map<Topic, Choice> map = new HashMap<>();
        for (Choice choice : choices) {
            map.put(choice.topic(), choice);
        }
        return map;
    }
}
