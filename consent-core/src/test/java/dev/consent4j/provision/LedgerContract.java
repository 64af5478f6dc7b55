package dev.consent4j.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.RequestStatus;
import dev.consent4j.request.RequestStore;
import dev.consent4j.request.Verification;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provision gate, its ledger and personal requests, end to end with a controllable clock.
 * Every ledger store runs this same suite, with a consent store of the same kind.
 */
public abstract class LedgerContract {

    protected static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/provision/ledger-policy.yaml",
            LedgerContract.class.getClassLoader());

    private static final SubjectId HANAKO = SubjectId.customer("hanako");
    private static final SubjectId TARO = SubjectId.customer("taro");
    private static final SubjectId JIRO = SubjectId.customer("jiro");

    /** The stores under test, empty. */
    public record Stores(ConsentStore consents, ProvisionStore provisions, RequestStore requests) {
    }

    protected abstract Stores createStores() throws Exception;

    /** The same stores opened again, as after a restart; empty when they cannot outlive their instance. */
    protected abstract Optional<Stores> reopen();

    private Stores stores;
    private MutableClock clock;
    private ConsentManager consents;
    private ProvisionGate gate;
    private PersonalRequests requests;
    private final List<String> erased = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        stores = createStores();
        clock = MutableClock.at("2026-10-15T09:00:00Z");
        consents = ConsentManager.builder(POLICY, stores.consents()).clock(clock).build();
        gate = ProvisionGate.builder(consents, stores.provisions()).build();
        requests = PersonalRequests.builder(consents, stores.requests()).provisions(stores.provisions())
                .erasure(subject -> {
                    erased.add(subject.value());
                    return List.of("delivery addresses (2)");
                }).build();
    }

    private void choose(SubjectId subject, String purpose, Action action) {
        consents.record(ChoiceRequest.of(subject, Topic.purpose(purpose), action, Source.ACCOUNT_PAGE, Jurisdiction.JP));
        clock.advance(Duration.ofSeconds(1));
    }

    private ProvisionReason reason(SubjectId subject, String recipient) {
        return gate.decide(subject, recipient, Jurisdiction.JP).reason();
    }

    @Test
    void processorsAndJointUsersNeedNoConsentAndGetNoRecord() {
        ProvisionGate.Provision courier = gate.provide(List.of(HANAKO, TARO), "courier", List.of("name", "address"),
                Jurisdiction.JP, ProvisionGate.RecordMode.EACH);
        ProvisionGate.Provision cafe = gate.provide(HANAKO, "sister-cafe", List.of("email"), Jurisdiction.JP);

        assertThat(courier.allowed()).containsExactly(HANAKO, TARO);
        assertThat(reason(HANAKO, "courier")).isEqualTo(ProvisionReason.ENTRUSTED);
        assertThat(reason(HANAKO, "sister-cafe")).isEqualTo(ProvisionReason.JOINT_USE);
        assertThat(courier.records()).isEmpty();
        assertThat(cafe.records()).isEmpty();
        assertThat(stores.provisions().provisionsAbout(HANAKO)).isEmpty();
    }

    @Test
    void aThirdPartyThatServesANecessaryPurposeIsAllowedAndSaysWhy() {
        ProvisionDecision decision = gate.decide(HANAKO, "card-issuer", Jurisdiction.JP);
        choose(HANAKO, "partner-offers", Action.DENY);

        assertThat(decision.reason()).isEqualTo(ProvisionReason.NECESSARY_PURPOSE);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.purpose()).isEqualTo("card-check");
        assertThat(reason(HANAKO, "card-issuer")).as("a refusal elsewhere changes nothing").isEqualTo(ProvisionReason.NECESSARY_PURPOSE);
        assertThat(gate.provide(HANAKO, "card-issuer", List.of("name"), Jurisdiction.JP).allowed()).containsExactly(HANAKO);
    }

    @Test
    void aThirdPartyNeedsACurrentGrant() {
        ProvisionReason before = reason(HANAKO, "partner-shop");
        choose(HANAKO, "partner-offers", Action.GRANT);
        ProvisionDecision granted = gate.decide(HANAKO, "partner-shop", Jurisdiction.JP);
        choose(HANAKO, "partner-offers", Action.WITHDRAW);

        assertThat(before).isEqualTo(ProvisionReason.NO_CONSENT);
        assertThat(granted.reason()).isEqualTo(ProvisionReason.CONSENTED);
        assertThat(granted.basisEvent()).isEqualTo(consents.history(HANAKO, Signals.of(Jurisdiction.JP)).events().get(0).id());
        assertThat(reason(HANAKO, "partner-shop")).isEqualTo(ProvisionReason.CONSENT_NOT_CURRENT);
        assertThat(gate.provide(HANAKO, "partner-shop", List.of("email"), Jurisdiction.JP).records()).isEmpty();
    }

    @Test
    void eachAllowedProvisionIsRecordedWithTheGrantItRestsOn() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        choose(TARO, "partner-offers", Action.GRANT);

        ProvisionGate.Provision each = gate.provide(List.of(HANAKO, TARO, JIRO), "partner-shop", List.of("name", "email"),
                Jurisdiction.JP, ProvisionGate.RecordMode.EACH);

        assertThat(each.allowed()).containsExactly(HANAKO, TARO);
        assertThat(each.refused()).containsOnlyKeys(JIRO);
        assertThat(each.refused().get(JIRO).reason()).isEqualTo(ProvisionReason.NO_CONSENT);
        assertThat(each.records()).hasSize(2).allSatisfy(record -> {
            assertThat(record.ground()).isEqualTo(ProvisionRecord.Ground.CONSENT);
            assertThat(record.kind()).isEqualTo(ProvisionRecord.Kind.PERSONAL_DATA);
            assertThat(record.entries()).singleElement().satisfies(entry -> assertThat(entry.basisEvent()).isNotNull());
        });
        assertThat(stores.provisions().provisionsAbout(HANAKO)).containsExactly(each.records().get(0));
        assertThat(stores.provisions().provisionsAbout(JIRO)).isEmpty();
    }

    @Test
    void aBulkProvisionIsOneRecordForEveryone() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        choose(TARO, "partner-offers", Action.GRANT);

        ProvisionGate.Provision bulk = gate.provide(List.of(HANAKO, TARO, JIRO), "partner-shop", List.of("email"),
                Jurisdiction.JP, ProvisionGate.RecordMode.BULK);
        Instant first = Instant.parse("2026-09-01T00:00:00Z");
        ProvisionGate.Provision continuous = gate.provideContinuously(List.of(HANAKO, JIRO), "partner-shop",
                List.of("orders"), Jurisdiction.JP, first, clock.instant());

        assertThat(bulk.records()).singleElement().satisfies(record -> {
            assertThat(record.entries()).extracting(ProvisionRecord.Entry::subject).containsExactly(HANAKO, TARO);
            assertThat(record.bulk()).isTrue();
        });
        assertThat(continuous.records()).singleElement().satisfies(record -> {
            assertThat(record.firstProvidedAt()).isEqualTo(first);
            assertThat(record.lastProvidedAt()).isEqualTo(clock.instant());
            assertThat(record.entries()).extracting(ProvisionRecord.Entry::subject).containsExactly(HANAKO);
        });
        // Oldest provision first: the continuous one began in September.
        assertThat(stores.provisions().provisionsTo("partner-shop")).containsExactlyElementsOf(
                List.of(continuous.records().get(0), bulk.records().get(0)));
    }

    @Test
    void personallyReferableInformationForAnAdNetworkAbroad() {
        choose(HANAKO, "ads", Action.GRANT);

        ProvisionGate.Provision cookies = gate.provide(HANAKO, "sky-ads", List.of("cookie-id", "browsing"), Jurisdiction.JP);
        ProvisionGate.Provision email = gate.provide(HANAKO, "sky-ads", List.of("email"), Jurisdiction.JP);

        assertThat(reason(TARO, "sky-ads")).isEqualTo(ProvisionReason.NO_CONSENT);
        assertThat(cookies.records()).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(ProvisionRecord.Kind.RELATED_INFO));
        assertThat(email.records()).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(ProvisionRecord.Kind.PERSONAL_DATA));
    }

    @Test
    void theOptOutRouteStartsOnItsDateAndStopsForWhoeverObjects() {
        ProvisionReason beforeStart = reason(HANAKO, "list-broker");
        clock.set(Instant.parse("2026-11-02T00:00:00Z"));
        ProvisionGate.Provision afterStart = gate.provide(HANAKO, "list-broker", List.of("name", "address"), Jurisdiction.JP);
        choose(HANAKO, "list-rental", Action.OBJECT);

        assertThat(beforeStart).isEqualTo(ProvisionReason.OPT_OUT_NOT_STARTED);
        assertThat(afterStart.allowed()).containsExactly(HANAKO);
        assertThat(afterStart.records()).singleElement().satisfies(record -> {
            assertThat(record.ground()).isEqualTo(ProvisionRecord.Ground.OPT_OUT);
            assertThat(record.entries().get(0).basisEvent()).isNull();
        });
        assertThat(reason(HANAKO, "list-broker")).isEqualTo(ProvisionReason.OPTED_OUT);
    }

    @Test
    void onlyTheItemsThePolicyDeclaresForTheRecipientMayBeGiven() {
        assertThatThrownBy(() -> gate.provide(HANAKO, "partner-shop", List.of("address"), Jurisdiction.JP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partner-shop", "address");
        assertThatThrownBy(() -> gate.decide(HANAKO, "nobody", Jurisdiction.JP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
    }

    @Test
    void recordsAreKeptThreeYearsFromTheLastProvisionThenPurgeable() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        Instant provided = clock.instant();
        gate.provide(HANAKO, "partner-shop", List.of("email"), Jurisdiction.JP);
        gate.receive(new Provenance("Old Shop K.K.", "Kyoto", "Jiro Old", true, "sign-up form with consent"),
                List.of(HANAKO), List.of("name"));

        clock.set(provided.atOffset(ZoneOffset.UTC).plus(Period.of(2, 11, 0)).toInstant());
        int atTwoYearsEleven = gate.purgeExpired();
        boolean keptAtTwoYearsEleven = !gate.recordsAbout(HANAKO).isEmpty();
        clock.set(provided.atOffset(ZoneOffset.UTC).plus(Period.of(3, 0, 1)).toInstant());
        int atThreeYearsAndADay = gate.purgeExpired();

        assertThat(atTwoYearsEleven).isZero();
        assertThat(keptAtTwoYearsEleven).isTrue();
        assertThat(atThreeYearsAndADay).isEqualTo(2);
        assertThat(gate.recordsAbout(HANAKO)).isEmpty();
        assertThat(stores.provisions().receiptsAbout(HANAKO)).isEmpty();
    }

    @Test
    void dataFromAThirdPartyIsRefusedWithoutItsProvenance() {
        Provenance noAddress = new Provenance("List Centre K.K.", " ", null, true, "");

        assertThatThrownBy(() -> gate.receive(noAddress, List.of(HANAKO), List.of("name")))
                .isInstanceOf(InvalidProvenanceException.class)
                .satisfies(e -> assertThat(((InvalidProvenanceException) e).missing())
                        .containsExactly("providerAddress", "representative", "acquisition"));
        assertThat(stores.provisions().receiptsAbout(HANAKO)).isEmpty();

        ReceiptRecord receipt = gate.receive(new Provenance("List Centre K.K.", "Osaka", "Ken List", true,
                "members' sign-up form, with consent to provision"), List.of(HANAKO, TARO), List.of("name", "address"));
        assertThat(stores.provisions().receiptsAbout(TARO)).containsExactly(receipt);
    }

    @Test
    void aStopOfProvisionTakesEffectAtOnceAndTheNextUploadLeavesThePersonOut() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        choose(TARO, "partner-offers", Action.GRANT);
        clock.set(Instant.parse("2026-11-02T00:00:00Z"));

        PersonalRequest request = requests.file(HANAKO, RequestKind.STOP_PROVISION, List.of(), null, Jurisdiction.JP,
                Verification.LOGGED_IN);
        ProvisionGate.Provision upload = gate.provide(List.of(HANAKO, TARO), "partner-shop", List.of("email"),
                Jurisdiction.JP, ProvisionGate.RecordMode.BULK);

        assertThat(request.status()).isEqualTo(RequestStatus.DONE);
        assertThat(request.resolvedAt()).contains(clock.instant());
        assertThat(upload.allowed()).containsExactly(TARO);
        assertThat(upload.refused().get(HANAKO).reason()).isEqualTo(ProvisionReason.CONSENT_NOT_CURRENT);
        assertThat(reason(HANAKO, "list-broker")).isEqualTo(ProvisionReason.OPTED_OUT);
        assertThat(reason(HANAKO, "courier")).isEqualTo(ProvisionReason.ENTRUSTED);
        assertThat(consents.history(HANAKO, Signals.of(Jurisdiction.JP)).events())
                .filteredOn(e -> e.source() == Source.REQUEST).extracting(ConsentEvent::action).containsOnly(Action.OBJECT);
    }

    @Test
    void aStopOfUseWithdrawsTheNamedPurposes() {
        consents.record(ChoiceRequest.of(HANAKO, Topic.contact("newsletter", "email"), Action.GRANT, Source.ACCOUNT_PAGE,
                Jurisdiction.JP));
        clock.advance(Duration.ofMinutes(5));

        PersonalRequest request = requests.file(HANAKO, RequestKind.STOP_USE, List.of("newsletter"), "too many mails",
                Jurisdiction.JP, Verification.LOGGED_IN);

        assertThat(request.status()).isEqualTo(RequestStatus.DONE);
        assertThat(consents.mayContact(HANAKO, "newsletter", "email")).isFalse();
        assertThatThrownBy(() -> requests.file(HANAKO, RequestKind.STOP_USE, List.of("delivery"), null, Jurisdiction.JP, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("necessary");
        assertThatThrownBy(() -> requests.file(HANAKO, RequestKind.STOP_PROVISION, List.of("courier"), null, Jurisdiction.JP,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a third party");
    }

    @Test
    void aPhoneErasureWaitsForVerificationAndAnOperator() {
        choose(HANAKO, "ads", Action.GRANT);
        PersonalRequest filed = requests.file(HANAKO, RequestKind.ERASURE, List.of(), "asked by phone", Jurisdiction.JP, null);
        boolean allowedWhileUnverified = consents.allows(HANAKO, "ads");
        clock.advance(Duration.ofHours(2));
        PersonalRequest verified = requests.verify(filed.id(), Verification.byOperator("called back on the number on file", "op-7"));
        PersonalRequest done = requests.complete(filed.id(), "op-7");

        assertThat(filed.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(allowedWhileUnverified).isTrue();
        assertThat(verified.status()).isEqualTo(RequestStatus.IDENTITY_VERIFIED);
        assertThat(verified.verification()).hasValueSatisfying(step -> {
            assertThat(step.operatorId()).isEqualTo("op-7");
            assertThat(step.note()).contains("called back");
        });
        assertThat(done.status()).isEqualTo(RequestStatus.DONE);
        assertThat(done.steps().get(done.steps().size() - 1).note())
                .contains("erased: delivery addresses (2)", "kept:", "consent events");
        assertThat(erased).containsExactly("hanako");
        assertThat(consents.allows(HANAKO, "ads")).isFalse();
        assertThat(requests.find(filed.id())).contains(done);
    }

    @Test
    void aCorrectionSupersedesTheWrongEventAndKeepsIt() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        ConsentEvent wrong = consents.history(HANAKO, Signals.of(Jurisdiction.JP)).events().get(0);

        PersonalRequest request = requests.file(HANAKO, RequestKind.CORRECTION, List.of(wrong.id().toString(), "DENY"),
                "I never agreed to this", Jurisdiction.JP, Verification.LOGGED_IN);
        PersonalRequest done = requests.complete(request.id(), "op-1");

        List<ConsentEvent> events = consents.history(HANAKO, Signals.of(Jurisdiction.JP)).events();
        assertThat(done.status()).isEqualTo(RequestStatus.DONE);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(wrong);
        assertThat(events.get(1).supersedes()).isEqualTo(wrong.id());
        assertThat(reason(HANAKO, "partner-shop")).isEqualTo(ProvisionReason.CONSENT_NOT_CURRENT);
        assertThatThrownBy(() -> requests.file(TARO, RequestKind.CORRECTION, List.of(wrong.id().toString(), "DENY"), null,
                Jurisdiction.JP, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the history");
    }

    @Test
    void anIdentityVerifierCanLeaveSignedInRequestsToAnOperator() {
        PersonalRequests strict = PersonalRequests.builder(consents, stores.requests())
                .identityVerifier((subject, kind) -> kind == RequestKind.DISCLOSURE ? Optional.empty()
                        : Optional.of(Verification.LOGGED_IN))
                .build();

        PersonalRequest disclosure = strict.fileSignedIn(HANAKO, RequestKind.DISCLOSURE, List.of(), null, Jurisdiction.JP);
        PersonalRequest notice = strict.fileSignedIn(HANAKO, RequestKind.PURPOSE_NOTICE, List.of(), null, Jurisdiction.JP);

        assertThat(disclosure.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(notice.status()).isEqualTo(RequestStatus.DONE);
        assertThat(strict.open()).extracting(PersonalRequest::id).containsExactly(disclosure.id());
    }

    @Test
    void refusalsNeedAReasonAndCloseTheRequest() {
        PersonalRequest filed = requests.file(TARO, RequestKind.ERASURE, List.of(), null, Jurisdiction.JP, null);

        assertThatThrownBy(() -> requests.refuse(filed.id(), "op-2", " ")).isInstanceOf(IllegalArgumentException.class);
        PersonalRequest refused = requests.refuse(filed.id(), "op-2", "the caller could not be identified");

        assertThat(refused.status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(refused.resolvedAt()).isPresent();
        assertThat(requests.open()).isEmpty();
        assertThatThrownBy(() -> requests.refuse(filed.id(), "op-2", "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> requests.complete(filed.id(), "op-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestsPastTheirJurisdictionsDeadlineAreOverdue() {
        PersonalRequest japan = requests.file(HANAKO, RequestKind.DISCLOSURE, List.of(), null, Jurisdiction.JP, null);
        clock.advance(Duration.ofSeconds(1));
        PersonalRequest europe = requests.file(TARO, RequestKind.DISCLOSURE, List.of(), null, Jurisdiction.of("DE"), null);

        clock.set(japan.receivedAt().plus(Duration.ofDays(14)));
        List<PersonalRequest> atFourteenDays = requests.overdue();
        clock.advance(Duration.ofDays(1));
        List<PersonalRequest> atFifteenDays = requests.overdue();
        clock.set(europe.dueAt().plusSeconds(1));

        assertThat(japan.dueAt()).isEqualTo(japan.receivedAt().plus(Duration.ofDays(14)));
        assertThat(europe.dueAt()).isEqualTo(Instant.parse("2026-11-15T09:00:01Z"));
        assertThat(atFourteenDays).isEmpty();
        assertThat(atFifteenDays).extracting(PersonalRequest::id).containsExactly(japan.id());
        assertThat(requests.overdue()).extracting(PersonalRequest::id).containsExactly(japan.id(), europe.id());
    }

    @Test
    void aDisclosureHoldsHistoryProvisionRecordsAndRequests() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        gate.provide(HANAKO, "partner-shop", List.of("email"), Jurisdiction.JP);
        PersonalRequest request = requests.file(HANAKO, RequestKind.PROVISION_RECORDS, List.of(), null, Jurisdiction.JP,
                Verification.LOGGED_IN);

        var disclosure = requests.disclosure(HANAKO, Signals.of(Jurisdiction.JP));

        assertThat(request.status()).isEqualTo(RequestStatus.DONE);
        assertThat(disclosure.history().events()).hasSize(1);
        assertThat(disclosure.provisions()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("partner-shop"));
        assertThat(disclosure.requests()).extracting(PersonalRequest::id).containsExactly(request.id());
    }

    @Test
    void recordsAndRequestsComeBackExactlyAndSurviveARestart() {
        choose(HANAKO, "partner-offers", Action.GRANT);
        ProvisionRecord record = gate.provide(HANAKO, "partner-shop", List.of("name", "email"), Jurisdiction.JP)
                .records().get(0);
        PersonalRequest open = requests.file(TARO, RequestKind.ERASURE, List.of(), "ジロー様より電話", Jurisdiction.JP, null);

        assertThat(stores.provisions().provisionsAbout(HANAKO)).containsExactly(record);
        assertThat(stores.requests().find(open.id())).contains(open);
        assertThat(stores.requests().bySubject(TARO)).containsExactly(open);
        assertThat(stores.requests().find(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> stores.requests().addStep(UUID.randomUUID(),
                new dev.consent4j.request.RequestStep(RequestStatus.DONE, clock.instant(), null, null)))
                .isInstanceOf(RuntimeException.class);
        reopen().ifPresent(again -> {
            assertThat(again.provisions().provisionsAbout(HANAKO)).containsExactly(record);
            assertThat(again.requests().open()).containsExactly(open);
        });
    }

    @Test
    void eachRecipientHearsOnlyTheOptOutsOfItsPurposesAndTheLedgerKeepsOneNotificationPerMessage() throws Exception {
        dev.consent4j.store.memory.InMemoryConsentStore events = new dev.consent4j.store.memory.InMemoryConsentStore(
                dev.consent4j.outbox.DecisionChanges.of(consents.policy(), consents.settings(), clock));
        ConsentManager recording = ConsentManager.builder(POLICY, events).clock(clock).build();
        Map<String, List<dev.consent4j.outbox.OutboxMessage>> heard = new java.util.TreeMap<>();
        dev.consent4j.outbox.OutboxDispatcher.Builder dispatcher = dev.consent4j.outbox.OutboxDispatcher
                .builder(events.outbox().orElseThrow()).clock(clock);
        List<dev.consent4j.outbox.RecipientSink> sinks = new ArrayList<>();
        for (String recipient : List.of("list-broker", "sky-ads", "partner-shop")) {
            heard.put(recipient, new ArrayList<>());
            dev.consent4j.outbox.RecipientSink sink = dev.consent4j.outbox.RecipientSink.of(POLICY, recipient,
                    heard.get(recipient)::add, stores.provisions(), clock);
            sinks.add(sink);
            dispatcher.sink(sink);
        }
        for (Action action : List.of(Action.GRANT, Action.WITHDRAW)) {
            recording.record(ChoiceRequest.of(HANAKO, Topic.purpose("ads"), action, Source.ACCOUNT_PAGE, Jurisdiction.JP));
        }
        recording.record(ChoiceRequest.of(HANAKO, Topic.purpose("list-rental"), Action.OBJECT, Source.ACCOUNT_PAGE, Jurisdiction.JP));
        recording.record(ChoiceRequest.of(HANAKO, Topic.contact("newsletter", "email"), Action.DENY, Source.ACCOUNT_PAGE,
                Jurisdiction.JP));
        clock.advance(Duration.ofMinutes(1));

        dev.consent4j.outbox.OutboxDispatcher running = dispatcher.build();
        while (running.poll().claimed() > 0) {
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(heard.get("partner-shop")).isEmpty();
        assertThat(heard.get("sky-ads")).singleElement().satisfies(message -> assertThat(message.entry().changes())
                .extracting(dev.consent4j.outbox.DecisionChange::topic).containsExactly(Topic.purpose("ads")));
        assertThat(heard.get("list-broker")).singleElement().satisfies(message -> assertThat(message.entry().changes())
                .singleElement().satisfies(change -> {
                    assertThat(change.topic()).isEqualTo(Topic.purpose("list-rental"));
                    assertThat(change.after().reason()).isEqualTo(dev.consent4j.state.Reason.OBJECTED);
                }));
        // Delivered again (at least once): still one notification per recipient and message.
        sinks.get(0).deliver(events.outbox().orElseThrow().message(heard.get("list-broker").get(0).position()).orElseThrow());

        List<NotificationRecord> notifications = stores.provisions().notificationsAbout(HANAKO);
        assertThat(notifications).extracting(NotificationRecord::recipient).containsExactlyInAnyOrder("sky-ads", "list-broker");
        assertThat(notifications).allSatisfy(n -> assertThat(n.notifiedAt()).isBefore(clock.instant())
                .isAfter(clock.instant().minusSeconds(10)));
        assertThat(stores.provisions().notificationsAbout(TARO)).isEmpty();
        assertThat(requests.disclosure(HANAKO, Signals.of(Jurisdiction.JP)).notifications()).containsExactlyElementsOf(notifications);
        Optional<Stores> reopened = reopen();
        reopened.ifPresent(again -> assertThat(again.provisions().notificationsAbout(HANAKO)).containsExactlyElementsOf(notifications));
    }
}
