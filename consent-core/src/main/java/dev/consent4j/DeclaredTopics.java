package dev.consent4j;

import dev.consent4j.event.Action;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.match.Closest;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the policy declares, checked for {@link ConsentManager}: the topics a choice or an audience may name. */
final class DeclaredTopics {

    private final Policy policy;

    DeclaredTopics(Policy policy) {
        this.policy = policy;
    }

    /** The purpose's topic, or its channel's; refused with a clear message when the policy declares neither. */
    Topic declaredTopic(String purposeId, @Nullable String channel) {
        Purpose purpose = policy.purpose(purposeId).orElseThrow(
                () -> new InvalidChoiceException(Topic.purpose(purposeId), "the policy declares no purpose " + LogSafe.quote(purposeId) + Closest.hint(purposeId, purposeIds())));
        if (channel != null && !purpose.channels().contains(channel)) {
            throw new InvalidChoiceException(Topic.contact(purposeId, channel),
                    "purpose " + LogSafe.quote(purposeId) + " declares no channel " + LogSafe.quote(channel));
        }
        return channel == null ? Topic.purpose(purposeId) : Topic.contact(purposeId, channel);
    }

    /** Refuses a choice on a topic the policy does not declare, a LINK, and a refusal of a necessary topic. */
    void validate(Topic topic, Action action) {
        if (action == Action.LINK) {
            throw new InvalidChoiceException(topic, "LINK is not a choice; use link(visitor, customer, …)");
        }
        boolean necessary;
        if (topic.kind() == Topic.Kind.CATEGORY) {
            necessary = policy.cookieCategory(topic.id()).orElseThrow(() -> new InvalidChoiceException(topic,
                    "the policy declares no cookie category " + LogSafe.quote(topic.id())
                            + Closest.hint(topic.id(), policy.cookieCategories().stream().map(c -> c.id()).toList())))
                    .basis().alwaysNecessary();
        } else {
            Purpose purpose = policy.purpose(topic.id()).orElseThrow(() -> new InvalidChoiceException(topic,
                    "the policy declares no purpose " + LogSafe.quote(topic.id()) + Closest.hint(topic.id(), purposeIds())));
            if (topic.channel() != null && !purpose.channels().contains(topic.channel())) {
                throw new InvalidChoiceException(topic, "purpose " + LogSafe.quote(topic.id()) + " declares no channel "
                        + LogSafe.quote(topic.channel()) + "; its channels are " + purpose.channels());
            }
            necessary = purpose.basis().alwaysNecessary();
        }
        if (necessary && action != Action.GRANT) {
            throw new InvalidChoiceException(topic, LogSafe.quote(topic) + " is necessary and cannot be refused");
        }
    }

    private List<String> purposeIds() {
        return policy.purposes().stream().map(Purpose::id).toList();
    }
}
