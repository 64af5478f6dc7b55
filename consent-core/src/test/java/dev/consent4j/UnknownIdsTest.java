package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.state.Signals;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An id the policy does not declare, asked about from code, is refused with the closest declared one. */
class UnknownIdsTest {

    private static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/provision/grounds-policy.yaml",
            UnknownIdsTest.class.getClassLoader());
    private static final SubjectId HANAKO = SubjectId.customer("hanako");
    private final ConsentManager consents = ConsentManager.builder(POLICY, new InMemoryConsentStore()).build();
    private final ProvisionGate gate = ProvisionGate.builder(consents, new InMemoryLedgerStore()).build();

    @Test
    void misspeltPurposesCategoriesRecipientsAndDataItemsGetASuggestion() {
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(HANAKO, Topic.purpose("ofers"), Action.GRANT,
                Source.ACCOUNT_PAGE, Jurisdiction.JP))).hasMessageContaining("declares no purpose 'ofers'; did you mean 'offers'?");
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(HANAKO, Topic.category("necesary"), Action.GRANT,
                Source.ACCOUNT_PAGE, Jurisdiction.JP))).hasMessageContaining("did you mean 'necessary'?");
        assertThatThrownBy(() -> consents.state(HANAKO, Signals.of(Jurisdiction.JP)).allows("reserch"))
                .hasMessageContaining("declares no purpose 'reserch'; did you mean 'research'?");
        assertThatThrownBy(() -> consents.folder().decide(Topic.purpose("delivry"), t -> null, Signals.of(Jurisdiction.JP),
                Instant.now())).hasMessageContaining("did you mean 'purpose:delivery'?");
        assertThatThrownBy(() -> gate.decide(HANAKO, "card-isuer", Jurisdiction.JP))
                .hasMessageContaining("declares no recipient 'card-isuer'; did you mean 'card-issuer'?");
        assertThatThrownBy(() -> gate.provide(HANAKO, "partner", List.of("emial"), Jurisdiction.JP))
                .hasMessageContaining("did you mean 'email'?");
        assertThatThrownBy(() -> gate.receive("social-login", List.of(HANAKO), List.of("nmae")))
                .hasMessageContaining("did you mean 'name'?");
        assertThatThrownBy(() -> consents.record(ChoiceRequest.of(HANAKO, Topic.purpose("horoscope"), Action.GRANT,
                Source.ACCOUNT_PAGE, Jurisdiction.JP))).hasMessageEndingWith("declares no purpose 'horoscope'");
    }
}
