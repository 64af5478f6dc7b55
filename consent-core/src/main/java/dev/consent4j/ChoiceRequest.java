package dev.consent4j;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Choices to record for one subject, with how they were made.
 *
 * @param choices    the action per topic, in the order they are recorded
 * @param supersedes an earlier event of the same subject that these choices correct, or {@code null}
 */
public record ChoiceRequest(SubjectId subject, Map<Topic, Action> choices, Source source, Actor actor,
        Jurisdiction jurisdiction, Evidence evidence, @Nullable EventId supersedes) {

    public ChoiceRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(choices, "choices");
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a choice request needs at least one choice");
        }
        choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        evidence = evidence == null ? Evidence.NONE : evidence;
    }

    /** The person's own choices through {@code source}, with no correction. */
    public static ChoiceRequest of(SubjectId subject, Map<Topic, Action> choices, Source source,
            Jurisdiction jurisdiction, Evidence evidence) {
        return new ChoiceRequest(subject, choices, source, Actor.SELF, jurisdiction, evidence, null);
    }

    /**
     * Grants given by accepting member terms on a sign-up screen ({@link Source#MEMBER_TERMS}), for
     * the purposes those terms include. They count for the policy's {@code member-terms} period,
     * by default with no expiry; {@code evidence} should name the terms' version.
     */
    public static ChoiceRequest byMemberTerms(SubjectId member, java.util.Collection<Topic> topics, Jurisdiction jurisdiction,
            Evidence evidence) {
        Map<Topic, Action> grants = new LinkedHashMap<>();
        topics.forEach(topic -> grants.put(topic, Action.GRANT));
        return new ChoiceRequest(member, grants, Source.MEMBER_TERMS, Actor.SELF, jurisdiction, evidence, null);
    }

    /**
     * A guardian's choices for a minor ({@link Actor#GUARDIAN}, {@link Source#GUARDIAN_CONSENT}): the
     * grants that count where a policy's minors rule needs a guardian. {@code evidence} shows how
     * the guardian gave them (the screen's notice version, language, browser, network).
     */
    public static ChoiceRequest byGuardian(SubjectId minor, Map<Topic, Action> choices, Jurisdiction jurisdiction,
            Evidence evidence) {
        return new ChoiceRequest(minor, choices, Source.GUARDIAN_CONSENT, Actor.GUARDIAN, jurisdiction, evidence, null);
    }

    /** One choice by the person. */
    public static ChoiceRequest of(SubjectId subject, Topic topic, Action action, Source source, Jurisdiction jurisdiction) {
        return of(subject, Map.of(topic, action), source, jurisdiction, Evidence.NONE);
    }
}
