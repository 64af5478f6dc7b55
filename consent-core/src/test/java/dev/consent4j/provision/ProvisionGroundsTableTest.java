package dev.consent4j.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provision gate on the grounds a policy declares: each row gives a recipient, the person's
 * choices ({@code "ACTION purpose"}, in order), and the reason, ground and purpose the gate must
 * answer with, and whether the provision is written to the ledger.
 */
class ProvisionGroundsTableTest {

    private static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/provision/grounds-policy.yaml",
            ProvisionGroundsTableTest.class.getClassLoader());
    private static final SubjectId HANAKO = SubjectId.customer("hanako");

    private MutableClock clock;
    private ConsentManager consents;
    private InMemoryLedgerStore ledger;
    private ProvisionGate gate;

    @BeforeEach
    void setUp() {
        clock = MutableClock.at("2026-10-01T09:00:00Z");
        ledger = new InMemoryLedgerStore();
        consents = ConsentManager.builder(POLICY, new InMemoryConsentStore()).clock(clock).build();
        gate = ProvisionGate.builder(consents, ledger).build();
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a card check with its declared ground needs no consent", "card-issuer", List.of(),
                        ProvisionReason.LEGAL_GROUND, LegalGround.LAWS_AND_REGULATIONS, "card-check", false),
                row("a ground covering every purpose of the recipient", "police", List.of(),
                        ProvisionReason.LEGAL_GROUND, LegalGround.COOPERATION_WITH_AUTHORITIES, "fraud-report", false),
                row("a declared ground stands against a refusal", "lab", List.of("DENY research"),
                        ProvisionReason.LEGAL_GROUND, LegalGround.ACADEMIC_RESEARCH, "research", false),
                row("the ground of one purpose allows a recipient that also serves a choosable one", "issuer-and-offers",
                        List.of("DENY offers"), ProvisionReason.LEGAL_GROUND, LegalGround.LAWS_AND_REGULATIONS,
                        "card-check", false),
                row("a necessary purpose without a declared ground", "old-issuer", List.of(),
                        ProvisionReason.NECESSARY_PURPOSE, null, "card-check", false),
                row("a third party with no ground needs consent", "partner", List.of(),
                        ProvisionReason.NO_CONSENT, null, "offers", false),
                row("a third party with no ground and a grant", "partner", List.of("GRANT offers"),
                        ProvisionReason.CONSENTED, null, "offers", true),
                row("a withdrawn grant", "partner", List.of("GRANT offers", "WITHDRAW offers"),
                        ProvisionReason.CONSENT_NOT_CURRENT, null, "offers", false),
                row("entrustment", "courier", List.of(), ProvisionReason.ENTRUSTED, LegalGround.ENTRUSTMENT, "delivery", false),
                row("business succession", "buyer", List.of(), ProvisionReason.BUSINESS_SUCCESSION,
                        LegalGround.BUSINESS_SUCCESSION, "delivery", false),
                row("a successor before its succession-start-date", "planned-buyer", List.of(),
                        ProvisionReason.SUCCESSION_NOT_STARTED, null, null, false),
                row("joint use", "cafe", List.of(), ProvisionReason.JOINT_USE, LegalGround.JOINT_USE, "points", false),
                row("a processor for an opt-in purpose the person granted", "mailer", List.of("GRANT offers"),
                        ProvisionReason.ENTRUSTED, LegalGround.ENTRUSTMENT, "offers", false),
                row("a processor for an opt-in purpose never granted", "mailer", List.of(),
                        ProvisionReason.PURPOSE_NOT_ALLOWED, null, "offers", false),
                row("a processor for a purpose the person withdrew", "mailer", List.of("GRANT offers", "WITHDRAW offers"),
                        ProvisionReason.PURPOSE_NOT_ALLOWED, null, "offers", false));
    }

    private static Arguments row(String name, String recipient, List<String> choices, ProvisionReason reason,
            LegalGround ground, String purpose, boolean recorded) {
        return Arguments.of(name, recipient, choices, reason, ground, purpose, recorded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, String recipient, List<String> choices, ProvisionReason reason, LegalGround ground,
            String purpose, boolean recorded) {
        for (String choice : choices) {
            String[] parts = choice.split(" ");
            consents.record(ChoiceRequest.of(HANAKO, Topic.purpose(parts[1]), Action.valueOf(parts[0]),
                    Source.ACCOUNT_PAGE, Jurisdiction.JP));
            clock.advance(Duration.ofSeconds(1));
        }
        ProvisionDecision decision = gate.decide(HANAKO, recipient, Jurisdiction.JP);
        assertThat(decision.reason()).as(name).isEqualTo(reason);
        assertThat(decision.ground()).as(name).isEqualTo(ground);
        assertThat(decision.purpose()).as(name).isEqualTo(purpose);
        if (reason == ProvisionReason.LEGAL_GROUND) {
            assertThat(decision.consent()).as("a ground reads no choice").isNull();
        }

        List<String> items = List.of(POLICY.recipient(recipient).orElseThrow().dataItems().get(0));
        ProvisionGate.Provision provision = gate.provide(HANAKO, recipient, items, Jurisdiction.JP);
        assertThat(provision.allowed().contains(HANAKO)).as(name).isEqualTo(reason.allowed());
        assertThat(provision.records()).as(name).hasSize(recorded ? 1 : 0);
        assertThat(ledger.provisionsAbout(HANAKO)).as(name).hasSize(recorded ? 1 : 0);
    }

    @Test
    void aPlannedSuccessorReceivesDataFromItsStartDateOn() {
        clock.advance(Duration.between(clock.instant(), java.time.Instant.parse("2026-12-31T23:59:59Z")));
        assertThat(gate.decide(HANAKO, "planned-buyer", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.SUCCESSION_NOT_STARTED);
        clock.advance(Duration.ofSeconds(1));
        ProvisionDecision started = gate.decide(HANAKO, "planned-buyer", Jurisdiction.JP);
        assertThat(started.reason()).isEqualTo(ProvisionReason.BUSINESS_SUCCESSION);
        assertThat(started.ground()).isEqualTo(LegalGround.BUSINESS_SUCCESSION);
    }

    @Test
    void dataFromADeclaredSourceIsReceivedWithItsDeclaredProvenance() {
        ReceiptRecord receipt = gate.receive("social-login", List.of(HANAKO), List.of("name", "email"));

        assertThat(receipt.provenance().providerName()).isEqualTo("架空ID株式会社");
        assertThat(receipt.provenance().representative()).isEqualTo("代表取締役 識別 一郎");
        assertThat(receipt.provenance().corporation()).isTrue();
        assertThat(receipt.provenance().acquisition()).isEqualTo("ご本人がログイン連携に同意して提供");
        assertThat(ledger.receiptsAbout(HANAKO)).containsExactly(receipt);
        assertThatThrownBy(() -> gate.receive("social-login", List.of(HANAKO), List.of("card")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gives [name, email]");
        assertThatThrownBy(() -> gate.receive("socal-login", List.of(HANAKO), List.of("name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data source 'socal-login'");
    }
}
