package dev.consent4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A topic a new version removes takes its choices out of the decisions: they are archived, kept
 * as evidence with the version that removed the topic, and do not come back if the topic does.
 */
class ArchivedChoicesTest {

    private static final Policy POLICY = PolicyLoader.load("archive.yaml", new ByteArrayInputStream("""
            id: archive-test
            version: "3"
            effective-date: 2026-09-01
            languages: [en]
            operator: {name: Test Shop, address: Tokyo, representative: Taro}
            purposes:
              - {id: newsletter, title: Newsletter, basis: opt-in, channels: [email], message-kind: subscription}
              - {id: surveys, title: Surveys, basis: opt-in}
            cookie-categories:
              - {id: necessary, title: Necessary, basis: necessary, cookies: [{name: session, justification: Sign-in}]}
            history:
              - {version: "1", changed: []}
              - version: "2"
                changes:
                  - {topic: quiz, change: removed, description: The quiz has ended}
                  - {topic: surveys, change: removed, description: Surveys paused}
                  - {topic: "newsletter:sms", change: removed, description: The newsletter no longer comes by SMS}
              - version: "3"
                changes:
                  - {topic: surveys, change: added, description: "Surveys are back, with new questions"}
            """.getBytes(StandardCharsets.UTF_8)));
    private static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
    private static final SubjectId SUBJECT = SubjectId.customer("c-1");
    private final StateFolder folder = new StateFolder(POLICY, ConsentSettings.defaults());

    private static Choice choice(String topic, Action action, String version, int sequence) {
        return new Choice(Topic.parse(topic), action, NOW.minus(Duration.ofDays(30)), version, Actor.Kind.SELF, null, sequence);
    }

    @Test
    void aChoiceOnATopicTheCurrentVersionNoLongerDeclaresIsArchivedNotDecided() {
        Choice quiz = choice("purpose:quiz", Action.GRANT, "1", 1);
        Choice newsletter = choice("purpose:newsletter", Action.GRANT, "1", 2);

        ConsentState state = folder.fold(SUBJECT, List.of(quiz, newsletter), Signals.of(Jurisdiction.JP), NOW);

        assertThat(state.decisions().keySet()).doesNotContain(Topic.parse("purpose:quiz"));
        assertThat(state.archived()).containsExactly(new ArchivedChoice(quiz, "2"));
        assertThat(state.purpose("newsletter").reason()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void aChoiceOnAChannelARevisionRemovedIsArchivedWithThatRevisionAndTheOtherChannelStays() {
        Choice sms = choice("purpose:newsletter:sms", Action.GRANT, "1", 1);
        Choice email = choice("purpose:newsletter:email", Action.GRANT, "1", 2);

        ConsentState state = folder.fold(SUBJECT, List.of(sms, email), Signals.of(Jurisdiction.JP), NOW);

        assertThat(state.archived()).containsExactly(new ArchivedChoice(sms, "2"));
        assertThat(state.contact("newsletter", "email").reason()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void aTopicRemovedAndAddedBackDoesNotReviveTheOldChoice() {
        Choice oldGrant = choice("purpose:surveys", Action.GRANT, "1", 1);
        Choice oldRefusal = choice("purpose:surveys", Action.DENY, "1", 1);

        ConsentState granted = folder.fold(SUBJECT, List.of(oldGrant), Signals.of(Jurisdiction.JP), NOW);
        ConsentState refused = folder.fold(SUBJECT, List.of(oldRefusal), Signals.of(Jurisdiction.JP), NOW);

        assertThat(granted.purpose("surveys").reason()).isEqualTo(Reason.NO_CONSENT);
        assertThat(granted.archived()).containsExactly(new ArchivedChoice(oldGrant, "2"));
        assertThat(refused.purpose("surveys").reason()).as("an old refusal is archived too: the topic is asked anew")
                .isEqualTo(Reason.NO_CONSENT);
        assertThat(folder.archive(choice("purpose:surveys", Action.GRANT, "3", 2))).as("a choice after the return is live")
                .isNull();
        assertThat(folder.fold(SUBJECT, List.of(oldGrant, choice("purpose:surveys", Action.GRANT, "3", 2)),
                Signals.of(Jurisdiction.JP), NOW).purpose("surveys").reason()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void everyPathOfTheDecisionFunctionArchivesAlike() {
        Choice oldGrant = choice("purpose:surveys", Action.GRANT, "1", 0);
        Choice quiz = choice("purpose:quiz", Action.GRANT, "1", 0);

        ConsentState shared = folder.foldShared(List.of(oldGrant, quiz), Signals.of(Jurisdiction.JP), NOW);
        Decision bulk = folder.decide(Topic.parse("purpose:surveys"),
                topic -> topic.equals(oldGrant.topic()) ? oldGrant : null, Signals.of(Jurisdiction.JP), NOW);

        assertThat(shared.purpose("surveys").reason()).isEqualTo(Reason.NO_CONSENT);
        assertThat(shared.archived()).extracting(a -> a.choice().topic().id()).containsExactly("quiz", "surveys");
        assertThat(bulk.reason()).isEqualTo(Reason.NO_CONSENT);
    }

    @Test
    void theHistorySaysWhatChangedSinceAVersion() {
        assertThat(POLICY.revisionsAfter("1")).extracting(r -> r.version()).containsExactly("2", "3");
        assertThat(POLICY.revisionsAfter("3")).isEmpty();
        assertThat(POLICY.removedSince("1", "surveys")).isEqualTo("2");
        assertThat(POLICY.removedSince("2", "surveys")).isNull();
        assertThat(POLICY.changedSince("1", "surveys")).as("an added or removed topic counts as changed").isTrue();
    }
}
