package dev.consent4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LegalGround;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import dev.consent4j.policy.load.PolicyCheckResult;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.provision.ProvisionDecision;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.provision.ProvisionReason;
import dev.consent4j.provision.ReceiptRecord;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.RequestStatus;
import dev.consent4j.request.Verification;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.Signals;
import dev.consent4j.store.memory.InMemoryConsentStore;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three policies written from scratch for fictional shops of different kinds — a mail-order house
 * that posts catalogues and phones its customers, a marketplace with social login, a cosmetics
 * shop with members under 18 — load without a problem, and the features of issue 15 they use
 * decide as the policies say, through the one decision function, the provision gate and the
 * request workflow, and appear in the disclosure.
 */
class FixturePoliciesTest {

    private static final String DIRECTORY = "dev/consent4j/policy/shops/";
    private static final Signals JAPAN = Signals.of(Jurisdiction.JP);

    private static Policy policy(String name) {
        return PolicyLoader.loadResource(DIRECTORY + name, FixturePoliciesTest.class.getClassLoader());
    }

    private static Signals in(String jurisdiction, Integer age) {
        return new Signals(Jurisdiction.of(jurisdiction), false, age);
    }

    /** A manager over an in-memory store, with its clock; a gate and the request workflow beside it. */
    private static final class Shop {
        final Policy policy;
        final MutableClock clock = MutableClock.at("2026-11-02T09:00:00Z");
        final InMemoryLedgerStore ledger = new InMemoryLedgerStore();
        final ConsentManager consents;
        final ProvisionGate gate;
        final PersonalRequests requests;

        Shop(String name) {
            policy = policy(name);
            consents = ConsentManager.builder(policy, new InMemoryConsentStore()).settings(ConsentSettings.defaults())
                    .clock(clock).build();
            gate = ProvisionGate.builder(consents, ledger).clock(clock).build();
            requests = PersonalRequests.builder(consents, ledger).clock(clock).build();
        }

        void record(SubjectId subject, String topic, Action action, String jurisdiction) {
            consents.record(ChoiceRequest.of(subject, Topic.parse(topic), action, Source.PREFERENCE_CENTRE,
                    Jurisdiction.of(jurisdiction)));
        }

        Decision decision(SubjectId subject, String topic, Signals signals) {
            return consents.state(subject, signals).decision(Topic.parse(topic));
        }

        String html(String language) {
            return DisclosureRenderer.htmlPage(DisclosureDocument.of(policy, language));
        }

        String markdown(String language) {
            return DisclosureRenderer.markdown(DisclosureDocument.of(policy, language));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail-order.yaml", "marketplace.yaml", "cosmetics.yaml"})
    void eachShopLoadsWithoutAnErrorOrAWarning(String name) throws IOException {
        try (InputStream input = getClass().getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            PolicyCheckResult result = PolicyLoader.check(name, input);
            assertThat(result.problems()).as(name).isEmpty();
            assertThat(result.valid()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail-order.yaml", "marketplace.yaml", "cosmetics.yaml"})
    void eachShopsDisclosureNamesItsOperatorInBothLanguages(String name) {
        Policy policy = policy(name);
        for (String language : List.of("ja", "en")) {
            String operator = policy.operator().name().in(language, "ja");
            String html = DisclosureRenderer.htmlPage(DisclosureDocument.of(policy, language));
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"" + language + "\"")
                    .contains(DisclosureRenderer.escapeHtml(operator));
            assertThat(DisclosureRenderer.markdown(DisclosureDocument.of(policy, language))).startsWith("# ")
                    .doesNotContain("null");
        }
    }

    @Nested
    class MailOrderHouse {

        private final Shop shop = new Shop("mail-order.yaml");
        private final SubjectId customer = SubjectId.customer("mz-1001");

        @Test
        void catalogueByPostAndCallsRunUntilTheCustomerObjectsWhileEmailWaitsForConsent() {
            assertThat(shop.consents.mayContact(customer, "catalogue-offers", "post", JAPAN)).isTrue();
            assertThat(shop.consents.mayContact(customer, "catalogue-offers", "phone", JAPAN)).isTrue();
            assertThat(shop.consents.mayContact(customer, "catalogue-offers", "email", JAPAN)).isFalse();
            assertThat(shop.decision(customer, "purpose:catalogue-offers:email", JAPAN).reason()).isEqualTo(Reason.NO_CONSENT);

            shop.record(customer, "purpose:catalogue-offers:email", Action.GRANT, "JP");
            shop.record(customer, "purpose:catalogue-offers:phone", Action.OBJECT, "JP");

            ConsentState state = shop.consents.state(customer, JAPAN);
            assertThat(state.contact("catalogue-offers", "email").reason()).isEqualTo(Reason.GRANTED);
            assertThat(state.contact("catalogue-offers", "phone").reason()).isEqualTo(Reason.OBJECTED);
            assertThat(state.contact("catalogue-offers", "post").reason()).as("an objection to calls leaves the catalogue")
                    .isEqualTo(Reason.DEFAULT_OPT_OUT);
            assertThat(state.contact("order-contact", "phone").reason()).as("calls about an order are not marketing")
                    .isEqualTo(Reason.NECESSARY);

            shop.record(customer, "purpose:catalogue-offers", Action.OBJECT, "JP");
            assertThat(shop.consents.mayContact(customer, "catalogue-offers", "post", JAPAN)).isFalse();
            assertThat(shop.consents.mayContact(customer, "catalogue-offers", "email", JAPAN)).isFalse();
        }

        @Test
        void theSurveyRunsOnNoticeUntilAStopOfUseWhileStatisticsRefuseOneWithTheDeclaredReason() {
            assertThat(shop.decision(customer, "purpose:customer-survey", JAPAN).reason()).isEqualTo(Reason.NOTICE_ONLY);
            assertThat(shop.decision(customer, "purpose:customer-survey", JAPAN).allowed()).isTrue();

            PersonalRequest stop = shop.requests.file(customer, RequestKind.STOP_USE,
                    List.of("customer-survey", "sales-statistics"), null, Jurisdiction.JP, Verification.LOGGED_IN);

            assertThat(stop.status()).isEqualTo(RequestStatus.DONE);
            assertThat(stop.steps().get(stop.steps().size() - 1).note())
                    .contains("sales-statistics: 売上統計はお客様個人を識別できない形に集計してから利用しています。");
            Decision survey = shop.decision(customer, "purpose:customer-survey", JAPAN);
            assertThat(survey.allowed()).isFalse();
            assertThat(survey.reason()).isEqualTo(Reason.USE_STOPPED);
            assertThat(shop.decision(customer, "purpose:sales-statistics", JAPAN).reason()).isEqualTo(Reason.NOTICE_ONLY);
            assertThat(shop.decision(SubjectId.customer("mz-1002"), "purpose:customer-survey", JAPAN).reason())
                    .isEqualTo(Reason.NOTICE_ONLY);
        }

        @Test
        void theCardIssuerIsGivenDataOnItsLegalGroundAndTheCarrierAsAProcessor() {
            ProvisionDecision card = shop.gate.decide(customer, "card-issuers", Jurisdiction.JP);
            assertThat(card.reason()).isEqualTo(ProvisionReason.LEGAL_GROUND);
            assertThat(card.ground()).isEqualTo(LegalGround.LAWS_AND_REGULATIONS);
            assertThat(card.purpose()).isEqualTo("card-check");

            ProvisionGate.Provision provision = shop.gate.provide(customer, "card-issuers", List.of("name", "card"), Jurisdiction.JP);
            assertThat(provision.allowed()).containsExactly(customer);
            assertThat(provision.records()).as("art. 29(1) asks for no record on a legal ground").isEmpty();

            ProvisionDecision carrier = shop.gate.decide(customer, "hokuyo-express", Jurisdiction.JP);
            assertThat(carrier.reason()).isEqualTo(ProvisionReason.ENTRUSTED);
            assertThat(carrier.ground()).isEqualTo(LegalGround.ENTRUSTMENT);
        }

        @Test
        void clubLettersAgreedToWithTheMemberTermsLastTheThreeYearMembership() {
            SubjectId member = SubjectId.customer("club-7");
            shop.consents.record(ChoiceRequest.byMemberTerms(member, List.of(Topic.purpose("club-letters")), Jurisdiction.JP,
                    new Evidence("member-terms-2026-10", "ja", null, null)));
            shop.record(customer, "purpose:club-letters", Action.GRANT, "JP");

            shop.clock.advance(Duration.ofDays(400));
            assertThat(shop.consents.mayContact(member, "club-letters", "email", JAPAN)).isTrue();
            assertThat(shop.decision(customer, "purpose:club-letters:email", JAPAN).reason())
                    .as("a grant from the preference centre lasts twelve months").isEqualTo(Reason.EXPIRED);

            shop.clock.advance(Duration.ofDays(700));
            Decision lapsed = shop.decision(member, "purpose:club-letters:email", JAPAN);
            assertThat(lapsed.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(lapsed.needsChoice()).isTrue();
        }

        @Test
        void choicesOnTheRemovedFaxOffersAreArchivedAndAnEmailGrantFromBeforeTheChangeIsStale() {
            StateFolder folder = shop.consents.folder();
            Instant now = shop.clock.instant();
            Choice fax = new Choice(Topic.purpose("fax-offers"), Action.GRANT, now.minus(Duration.ofDays(900)), "2022-04",
                    Actor.Kind.SELF, null, 1);
            Choice email = new Choice(Topic.contact("catalogue-offers", "email"), Action.GRANT,
                    now.minus(Duration.ofDays(60)), "2024-10", Actor.Kind.SELF, null, 2);

            ConsentState state = folder.fold(customer, List.of(fax, email), JAPAN, now);

            assertThat(state.archived()).singleElement().satisfies(archived -> {
                assertThat(archived.choice().topic()).isEqualTo(Topic.purpose("fax-offers"));
                assertThat(archived.removedIn()).isEqualTo("2026-10");
            });
            assertThat(state.decisions()).doesNotContainKey(Topic.purpose("fax-offers"));
            assertThat(state.contact("catalogue-offers", "email").reason()).isEqualTo(Reason.STALE_POLICY);
        }

        @Test
        void theNewPhoneAndEmailChannelsChangedTheCatalogueOffersOnThoseChannelsOnly() {
            assertThat(shop.policy.changedSince("2024-10", "catalogue-offers", "email")).isTrue();
            assertThat(shop.policy.changedSince("2024-10", "catalogue-offers", "phone")).isTrue();
            assertThat(shop.policy.changedSince("2024-10", "catalogue-offers", "post")).as("the catalogue by post is unchanged")
                    .isFalse();
            assertThat(shop.html("en")).contains("Catalogues by post and offers by phone (Phone)",
                    "Catalogues by post and offers by phone (E-mail)", "We now also tell you about offers by phone.");
            assertThat(shop.markdown("ja")).contains("カタログの送付とお電話でのご案内（電話）", "カタログの送付とお電話でのご案内（メール）");
        }

        @Test
        void theDisclosureShowsTheGroundTheIssuersByExampleAndWhatChanged() {
            String html = shop.html("en");
            assertThat(html).contains("Card fraud prevention the Installment Sales Act requires of mail-order merchants",
                    "Iwate Kogen Card, Sanriku Credit and others", "Personal data is not handled outside Japan",
                    "We no longer send offers by fax.", "We started sending surveys after purchases.");
            String markdown = shop.markdown("ja");
            assertThat(markdown).contains("割賦販売法が通信販売の加盟店に求めるクレジットカード番号等の不正利用防止", "FAXでのご案内を終了しました。",
                    "会員規約でいただいた同意の有効期間を会員資格と同じ3年にしました。", "Iwate Kogen Card、Sanriku Creditほか");
        }
    }

    @Nested
    class Marketplace {

        private final Shop shop = new Shop("marketplace.yaml");
        private final SubjectId buyer = SubjectId.customer("buyer-42");

        @Test
        void dataFromASocialLoginIsReceivedForTheDeclaredItemsOnly() {
            ReceiptRecord receipt = shop.gate.receive("hoshizora-login", List.of(buyer),
                    List.of("name", "email", "login-id", "profile-image"));

            assertThat(receipt.provenance().providerName()).isEqualTo("星空ID株式会社");
            assertThat(receipt.provenance().representative()).isEqualTo("代表取締役 星空 陽介");
            assertThat(receipt.provenance().acquisition()).startsWith("お客様が「星空IDでログイン」を選び");
            assertThat(shop.ledger.receiptsAbout(buyer)).containsExactly(receipt);
            assertThatThrownBy(() -> shop.gate.receive("hoshizora-login", List.of(buyer), List.of("name", "address")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'address'");
            assertThat(shop.gate.receive("tsubame-pay-login", List.of(buyer), List.of("address", "phone")).dataItems())
                    .containsExactly("address", "phone");
            assertThat(shop.ledger.receiptsAbout(buyer)).hasSize(2);
        }

        @Test
        void theSellerIsGivenTheDeliveryDetailsOnlyWithTheConsentOfTheMemberTerms() {
            assertThat(shop.gate.decide(buyer, "sellers", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.NO_CONSENT);

            shop.consents.record(ChoiceRequest.byMemberTerms(buyer, List.of(Topic.purpose("seller-handover")), Jurisdiction.JP,
                    new Evidence("terms-2026-09", "ja", null, null)));
            shop.clock.advance(Duration.ofDays(500));

            ProvisionGate.Provision provision = shop.gate.provide(buyer, "sellers", List.of("name", "address", "phone"),
                    Jurisdiction.JP);
            assertThat(provision.allowed()).containsExactly(buyer);
            assertThat(provision.records()).singleElement().satisfies(record -> assertThat(record.recipient()).isEqualTo("sellers"));
            assertThat(shop.gate.decide(buyer, "sellers", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.CONSENTED);
        }

        @Test
        void interestAdsWaitForConsentInJapanRunOnOptOutInUsStatesAndStopUnderGpc() {
            assertThat(shop.decision(buyer, "purpose:interest-ads", JAPAN).reason()).isEqualTo(Reason.NO_CONSENT);
            assertThat(shop.decision(buyer, "purpose:interest-ads", in("US-TX", null)).reason()).isEqualTo(Reason.DEFAULT_OPT_OUT);
            Signals californiaWithGpc = in("US-CA", null).withGpc(true);
            assertThat(shop.decision(buyer, "purpose:interest-ads", californiaWithGpc).reason()).isEqualTo(Reason.GPC_SIGNAL);
            assertThat(shop.decision(buyer, "category:advertising", californiaWithGpc).allowed()).isFalse();
            assertThat(shop.decision(buyer, "category:analytics", californiaWithGpc).reason())
                    .as("GPC is no reject-all").isEqualTo(Reason.DEFAULT_OPT_OUT);
            assertThat(shop.gate.decide(buyer, "ad-networks", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.NO_CONSENT);
        }

        @Test
        void preciseLocationIsOptInInStatesThatCallItSensitiveAndOptOutInCaliforniaAndUtah() {
            Map<String, Reason> expected = Map.of("US-CA", Reason.DEFAULT_OPT_OUT, "US-UT", Reason.DEFAULT_OPT_OUT,
                    "US-CO", Reason.NO_CONSENT, "US-CT", Reason.NO_CONSENT, "US-VA", Reason.NO_CONSENT,
                    "US-TX", Reason.NO_CONSENT, "US-OR", Reason.NO_CONSENT, "US-MT", Reason.NO_CONSENT,
                    "US-NJ", Reason.NO_CONSENT, "JP", Reason.NO_CONSENT);
            expected.forEach((where, reason) -> assertThat(shop.decision(buyer, "purpose:nearby-makers", in(where, null)).reason())
                    .as(where).isEqualTo(reason));
        }

        @Test
        void theBuyerOfTheBusinessReceivesDataAsASuccessorWithoutConsentFromTheTransferInApril2027() {
            ProvisionDecision planned = shop.gate.decide(buyer, "komorebi-kobo", Jurisdiction.JP);
            assertThat(planned.reason()).as("the transfer is only planned").isEqualTo(ProvisionReason.SUCCESSION_NOT_STARTED);
            assertThat(planned.allowed()).isFalse();
            assertThat(shop.gate.provide(buyer, "komorebi-kobo", List.of("name"), Jurisdiction.JP).allowed()).isEmpty();

            shop.clock.advance(Duration.between(shop.clock.instant(), Instant.parse("2027-04-01T00:00:00Z")));
            ProvisionDecision successor = shop.gate.decide(buyer, "komorebi-kobo", Jurisdiction.JP);
            assertThat(successor.reason()).isEqualTo(ProvisionReason.BUSINESS_SUCCESSION);
            assertThat(successor.ground()).isEqualTo(LegalGround.BUSINESS_SUCCESSION);
            assertThat(shop.policy.dataAbroad().orElseThrow().countries()).containsExactly("US", "SG");
        }

        @Test
        void theAdNetworksAreInTwoCountriesBothDeclaredAbroadAndShownInTheDisclosure() {
            Recipient adNetworks = shop.policy.recipient("ad-networks").orElseThrow();
            assertThat(adNetworks.countries()).containsExactly("US", "SG");
            assertThat(adNetworks.foreignCountries()).containsExactly("US", "SG");
            assertThat(shop.policy.dataAbroad().orElseThrow().countries()).containsAll(adNetworks.foreignCountries());
            assertThat(DisclosureDocument.of(shop.policy, "en").recipients().stream().filter(r -> r.id().equals("ad-networks")))
                    .singleElement().satisfies(r -> assertThat(r.countries()).containsExactly("US", "SG"));
            assertThat(shop.html("en")).contains("United States (US), Singapore (SG)");
            assertThat(shop.markdown("ja")).contains("アメリカ合衆国（US）、シンガポール（SG）");
        }

        @Test
        void theDisclosureShowsTheSourcesTheAdNetworksByExampleTheCountriesAbroadAndWhatChanged() {
            String html = shop.html("en");
            assertThat(html).contains("Hoshizora ID K.K.", "Tsubame Pay K.K.",
                    "We receive it when you agree to register with what you gave Tsubame Pay.",
                    "Orbit Ads, Lumen Reach, Pico Audience and others", "US, SG",
                    "member data is stored on a cloud provider&#39;s servers in Singapore",
                    "We plan to transfer the accessories business to Komorebi Kobo in April 2027",
                    "Takes the business over on (nothing is provided before)</dt><dd>2027-04-01",
                    "We no longer e-mail you to review sellers.", "We now show makers near you from your device&#39;s location.");
            String markdown = shop.markdown("ja");
            assertThat(markdown).contains("星空ID株式会社", "大阪府大阪市西区ほしぞら一丁目7番3号",
                    "アクセサリー事業を2027年4月に株式会社こもれび工房へ譲渡する予定です。", "事業の承継先",
                    "事業の承継日（この日より前は提供しません）",
                    "提携する広告配信事業者を増やしました。", "米国とシンガポールの広告配信事業者に閲覧情報と識別子を提供し");
        }
    }

    @Nested
    class CosmeticsShop {

        private final Shop shop = new Shop("cosmetics.yaml");
        private final SubjectId member = SubjectId.customer("sr-15");

        @Test
        void aFifteenYearOldInCaliforniaMustOptInToPersonalisedAdsThemselves() {
            Signals fifteen = in("US-CA", 15);
            assertThat(shop.decision(member, "purpose:personalised-ads", in("US-CA", null)).reason())
                    .as("an adult is opted in until they opt out").isEqualTo(Reason.DEFAULT_OPT_OUT);
            Decision before = shop.decision(member, "purpose:personalised-ads", fifteen);
            assertThat(before.reason()).isEqualTo(Reason.NO_CONSENT);
            assertThat(before.needsChoice()).isTrue();

            shop.record(member, "purpose:personalised-ads", Action.GRANT, "US-CA");
            shop.record(member, "category:advertising", Action.GRANT, "US-CA");

            assertThat(shop.decision(member, "purpose:personalised-ads", fifteen).reason()).isEqualTo(Reason.GRANTED);
        }

        @Test
        void aTwelveYearOldsOwnOptInDoesNotCountButAGuardiansDoes() {
            Signals twelve = in("US-CA", 12);
            SubjectId child = SubjectId.customer("sr-12");
            shop.record(child, "purpose:personalised-ads", Action.GRANT, "US-CA");
            assertThat(shop.decision(child, "purpose:personalised-ads", twelve).reason()).isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);

            shop.consents.record(ChoiceRequest.byGuardian(child, Map.of(Topic.purpose("personalised-ads"), Action.GRANT,
                    Topic.category("advertising"), Action.GRANT), Jurisdiction.of("US-CA"), Evidence.NONE));

            Decision decision = shop.decision(child, "purpose:personalised-ads", twelve);
            assertThat(decision.reason()).isEqualTo(Reason.GRANTED);
            assertThat(decision.allowed()).isTrue();
        }

        @Test
        void skinDataNeedsAGuardianBelowEighteenAnywhereAndIsSharedOnlyWithTheGroupClinic() {
            SubjectId seventeen = SubjectId.customer("sr-17");
            shop.record(seventeen, "purpose:skin-consultation", Action.GRANT, "JP");
            shop.record(member, "purpose:skin-consultation", Action.GRANT, "JP");

            assertThat(shop.decision(seventeen, "purpose:skin-consultation", in("JP", 17)).reason())
                    .isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);
            assertThat(shop.decision(seventeen, "purpose:skin-consultation", in("US-CA", 17)).reason())
                    .isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);
            assertThat(shop.decision(seventeen, "purpose:beauty-mail", in("JP", 17)).reason())
                    .as("the shop's own e-mail rule stops at 16").isEqualTo(Reason.NO_CONSENT);
            assertThat(shop.decision(member, "purpose:skin-consultation", in("JP", 19)).reason()).isEqualTo(Reason.GRANTED);

            assertThat(shop.policy.dataItem("skin-condition").orElseThrow().sensitive()).isTrue();
            assertThat(shop.policy.recipients().stream().filter(r -> r.dataItems().contains("skin-condition")))
                    .singleElement().satisfies(r -> assertThat(r.jointUse().dataItems()).contains("skin-condition"));
            assertThat(shop.gate.decide(member, "sorairo-clinic", Jurisdiction.JP).reason()).isEqualTo(ProvisionReason.JOINT_USE);
            SubjectId refused = SubjectId.customer("sr-refused");
            shop.record(refused, "purpose:skin-consultation", Action.DENY, "JP");
            assertThat(shop.gate.decide(refused, "sorairo-clinic", Jurisdiction.JP).reason())
                    .as("joint use needs no consent, but not for a purpose the person refused")
                    .isEqualTo(ProvisionReason.PURPOSE_NOT_ALLOWED);
        }

        @Test
        void aFifteenYearOldChoosesMailThemselvesInFranceButNotInGermanyAndSkinDataStillNeedsAGuardian() {
            shop.record(member, "purpose:beauty-mail", Action.GRANT, "FR");
            shop.record(member, "purpose:skin-consultation", Action.GRANT, "FR");

            assertThat(shop.decision(member, "purpose:beauty-mail", in("FR", 15)).reason())
                    .as("France's rule at 15 replaces the EU's at 16").isEqualTo(Reason.GRANTED);
            assertThat(shop.decision(member, "purpose:beauty-mail", in("DE", 15)).reason())
                    .as("the EU's rule at 16").isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);
            assertThat(shop.decision(member, "purpose:beauty-mail", in("FR", 14)).reason()).isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);
            assertThat(shop.decision(member, "purpose:skin-consultation", in("FR", 15)).reason())
                    .as("no French or EU rule names skin data, so the rule for everywhere applies")
                    .isEqualTo(Reason.MINOR_WITHOUT_GUARDIAN);
        }

        @Test
        void aRefusalInFranceIsAskedAgainAfterSixMonthsAndRememberedInJapan() {
            shop.record(member, "purpose:beauty-mail", Action.DENY, "FR");
            shop.record(member, "category:analytics", Action.DENY, "FR");
            Signals france = in("FR", null);

            shop.clock.advance(Duration.ofDays(150));
            assertThat(shop.decision(member, "purpose:beauty-mail", france).reason()).isEqualTo(Reason.DENIED);
            assertThat(shop.decision(member, "purpose:beauty-mail", france).needsChoice()).isFalse();

            shop.clock.advance(Duration.ofDays(40));
            Decision mail = shop.decision(member, "purpose:beauty-mail", france);
            assertThat(mail.reason()).isEqualTo(Reason.EXPIRED);
            assertThat(mail.allowed()).isFalse();
            assertThat(mail.needsChoice()).isTrue();
            assertThat(shop.decision(member, "category:analytics", france).reason())
                    .as("the policy's own French refusal period covers cookies").isEqualTo(Reason.EXPIRED);
            assertThat(shop.decision(member, "purpose:beauty-mail", JAPAN).reason()).isEqualTo(Reason.DENIED);
        }

        @Test
        void analyticsCookiesWaitForConsentInTheEuTheUkAndSwitzerlandButNotInJapan() {
            for (String where : List.of("FR", "DE", "NO", "GB", "GB-SCT", "CH")) {
                assertThat(shop.decision(member, "category:analytics", in(where, null)).reason()).as(where)
                        .isEqualTo(Reason.NO_CONSENT);
            }
            assertThat(shop.decision(member, "category:analytics", JAPAN).reason()).isEqualTo(Reason.DEFAULT_OPT_OUT);
            assertThat(shop.consents.cookieAllowed(shop.consents.state(member, in("DE", null)), "_sr_ses_20261102")).isFalse();
            assertThat(shop.consents.cookieAllowed(shop.consents.state(member, JAPAN), "_sr_ses_20261102")).isTrue();
        }

        @Test
        void skinAdviceConsentLastsTwoYearsWhereTheMailsLastsOne() {
            shop.record(member, "purpose:skin-consultation", Action.GRANT, "JP");
            shop.record(member, "purpose:beauty-mail", Action.GRANT, "JP");
            shop.clock.advance(Duration.ofDays(400));
            Signals adult = in("JP", 30);
            assertThat(shop.decision(member, "purpose:skin-consultation", adult).reason()).isEqualTo(Reason.GRANTED);
            assertThat(shop.decision(member, "purpose:beauty-mail", adult).reason()).isEqualTo(Reason.EXPIRED);
        }

        @Test
        void theDisclosureShowsTheJointUseOfSkinDataTheCountryAbroadAndWhatChanged() {
            String html = shop.html("en");
            assertThat(html).contains("Sorairo Skin Clinic (Sorairo Medical Corporation)", "Joint use",
                    "Skin conditions diagnosed by a doctor", "Nothing about your skin is handled outside Japan.",
                    "The free sample club has ended.", "Skin conditions you tell us are now shared with our group&#39;s skin clinic.");
            String markdown = shop.markdown("ja");
            assertThat(markdown).contains("当社および医療法人そらいろ会", "医師に診断された肌の疾患", "試供品クラブを終了しました。",
                    "フランスでは、お断りいただいた6か月後に改めてお伺いします。");
        }
    }
}
