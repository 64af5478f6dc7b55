package dev.consent4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validity per purpose and jurisdiction through the manager and its store: a member-terms grant
 * keeps counting where a banner grant of the same age has expired, in a single state and in a
 * bulk audience alike, and a French refusal is re-asked after its six months.
 */
class MemberTermsValidityTest {

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final ConsentManager consents = ConsentManager.builder(DecisionTableTest.POLICY, new InMemoryConsentStore())
            .clock(clock).build();
    private final SubjectId member = SubjectId.customer("member");
    private final SubjectId visitorTurnedCustomer = SubjectId.customer("banner");

    @Test
    void aMemberTermsGrantDoesNotSilentlyExpireWhereABannerGrantDoes() {
        consents.record(ChoiceRequest.byMemberTerms(member, List.of(Topic.purpose("member-offers")), Jurisdiction.JP,
                new Evidence("member-terms-2026-06", "ja", null, null)));
        consents.record(ChoiceRequest.of(visitorTurnedCustomer, Topic.purpose("member-offers"), Action.GRANT, Source.BANNER,
                Jurisdiction.JP));

        clock.advance(Duration.ofDays(400));

        Signals japan = Signals.of(Jurisdiction.JP);
        assertThat(consents.state(member, japan).purpose("member-offers").reason()).isEqualTo(Reason.GRANTED);
        assertThat(consents.state(visitorTurnedCustomer, japan).purpose("member-offers").reason()).isEqualTo(Reason.EXPIRED);
        assertThat(consents.audience(List.of(member, visitorTurnedCustomer), "member-offers", "email", Jurisdiction.JP))
                .containsExactly(member);
    }

    @Test
    void aRefusalInFranceIsReAskedAfterSixMonthsAndStaysRefused() {
        consents.record(ChoiceRequest.of(member, Topic.purpose("member-offers"), Action.DENY, Source.BANNER, Jurisdiction.of("FR")));
        Signals france = Signals.of(Jurisdiction.of("FR"));

        clock.advance(Duration.ofDays(150));
        Decision early = consents.state(member, france).purpose("member-offers");
        clock.advance(Duration.ofDays(40));
        Decision later = consents.state(member, france).purpose("member-offers");

        assertThat(early.reason()).isEqualTo(Reason.DENIED);
        assertThat(early.needsChoice()).isFalse();
        assertThat(later.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(later.allowed()).isFalse();
        assertThat(later.needsChoice()).as("the person may be asked again").isTrue();
        assertThat(consents.state(member, Signals.of(Jurisdiction.JP)).purpose("member-offers").reason())
                .as("refusals are remembered in Japan").isEqualTo(Reason.DENIED);
    }
}
