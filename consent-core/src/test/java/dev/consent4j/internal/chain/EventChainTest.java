package dev.consent4j.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ChainSealedBeforeTheSplit;
import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChainTest {

    private static final NewEvent GRANT = ChainSealedBeforeTheSplit.GRANT;
    private static final NewEvent LINK = ChainSealedBeforeTheSplit.LINK;
    private static final NewEvent CORRECTION = ChainSealedBeforeTheSplit.CORRECTION;

    private static List<ConsentEvent> storedBeforeTheSplit() {
        return ChainSealedBeforeTheSplit.chain();
    }

    @Test
    void aChainSealedByEarlierVersionsStillVerifies() {
        assertThat(EventChain.verify(storedBeforeTheSplit()))
                .isEqualTo(new ChainVerification(true, 3, -1, null));
    }

    @Test
    void sealingGivesTheHashesEarlierVersionsGave() {
        ConsentEvent first = GRANT.seal(1, "");
        ConsentEvent second = LINK.sealAfter(first);
        ConsentEvent third = CORRECTION.sealAfter(second);

        assertThat(List.of(first, second, third)).isEqualTo(storedBeforeTheSplit());
    }

    @Test
    void aChangedEventBreaksTheChainWhereItWasChanged() {
        List<ConsentEvent> chain = new java.util.ArrayList<>(storedBeforeTheSplit());
        NewEvent changed = new NewEvent(LINK.id(), LINK.subject(), null, Action.LINK, "2026-11", LINK.time(),
                Source.LOGIN_LINK, Actor.SELF, "US-CA", null, LINK.linkedVisitor(), null);
        chain.set(1, new ConsentEvent(changed, chain.get(1).seal()));

        ChainVerification verification = EventChain.verify(chain);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(1);
        assertThat(verification.problem()).contains(LINK.id().toString(), "changed after it was stored");
    }

    @Test
    void aMissingEventBreaksTheChainAtItsGap() {
        List<ConsentEvent> chain = storedBeforeTheSplit();

        ChainVerification verification = EventChain.verify(List.of(chain.get(0), chain.get(2)));

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(1);
        assertThat(verification.problem()).isEqualTo("expected sequence 2 but found 3");
    }
}
