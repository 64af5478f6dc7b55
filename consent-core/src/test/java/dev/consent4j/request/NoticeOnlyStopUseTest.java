package dev.consent4j.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request to stop use (利用停止) of notice-only purposes: honoured or refused as each purpose's
 * stop-use rule declares, and the one decision function says so afterwards.
 */
class NoticeOnlyStopUseTest {

    private static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            NoticeOnlyStopUseTest.class.getClassLoader());
    private static final SubjectId ALICE = SubjectId.customer("alice");
    private static final Signals JAPAN = Signals.of(Jurisdiction.JP);

    private final MutableClock clock = MutableClock.at("2026-06-01T00:00:00Z");
    private final ConsentManager consents = ConsentManager.builder(POLICY, new InMemoryConsentStore())
            .settings(ConsentSettings.defaults()).clock(clock).build();
    private final PersonalRequests requests = PersonalRequests.builder(consents, new InMemoryLedgerStore()).build();

    @Test
    void anHonouredStopOfUseStopsTheNoticeOnlyPurposeForThatPersonOnly() {
        assertThat(consents.state(ALICE, JAPAN).purpose("product-analysis").reason()).isEqualTo(Reason.NOTICE_ONLY);

        PersonalRequest request = requests.file(ALICE, RequestKind.STOP_USE, List.of("product-analysis"), null,
                Jurisdiction.JP, Verification.LOGGED_IN);

        assertThat(request.status()).isEqualTo(RequestStatus.DONE);
        ConsentState state = consents.state(ALICE, JAPAN);
        assertThat(state.purpose("product-analysis").allowed()).isFalse();
        assertThat(state.purpose("product-analysis").reason()).isEqualTo(Reason.USE_STOPPED);
        assertThat(state.purpose("product-analysis").event()).as("the decision names the request's event").isNotNull();
        assertThat(consents.state(SubjectId.customer("bob"), JAPAN).purpose("product-analysis").reason())
                .isEqualTo(Reason.NOTICE_ONLY);
    }

    @Test
    void aStopOfUseThePolicyRefusesIsRefusedWithTheDeclaredReasonAndChangesNothing() {
        PersonalRequest request = requests.file(ALICE, RequestKind.STOP_USE, List.of("statistics"), null,
                Jurisdiction.JP, Verification.LOGGED_IN);

        assertThat(request.status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(request.steps().get(request.steps().size() - 1).note())
                .contains("statistics: Statistics hold nothing that identifies you");
        assertThat(consents.state(ALICE, JAPAN).purpose("statistics").reason()).isEqualTo(Reason.NOTICE_ONLY);
        assertThat(consents.history(ALICE, JAPAN).events()).isEmpty();
    }

    @Test
    void aMixedRequestStopsWhatTheRulesAllowAndSaysWhatItDidNot() {
        PersonalRequest request = requests.file(ALICE, RequestKind.STOP_USE, List.of("statistics", "product-analysis", "newsletter"),
                null, Jurisdiction.JP, Verification.LOGGED_IN);

        assertThat(request.status()).isEqualTo(RequestStatus.DONE);
        assertThat(request.steps().get(request.steps().size() - 1).note())
                .contains("purpose:product-analysis", "purpose:newsletter", "not stopped, as the policy declares: statistics:");
        ConsentState state = consents.state(ALICE, JAPAN);
        assertThat(state.purpose("product-analysis").reason()).isEqualTo(Reason.USE_STOPPED);
        assertThat(state.purpose("newsletter").reason()).as("an opt-in purpose is withdrawn as before").isEqualTo(Reason.WITHDRAWN);
        assertThat(state.purpose("statistics").reason()).isEqualTo(Reason.NOTICE_ONLY);
    }
}
