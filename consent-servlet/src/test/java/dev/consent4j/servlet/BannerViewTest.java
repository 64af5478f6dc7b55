package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.Signals;
import dev.consent4j.store.memory.InMemoryConsentStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The banner's wording and whether it asks, read off the visitor's state. */
class BannerViewTest {

    private static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/servlet/endpoint/banner-policy.yaml",
            BannerViewTest.class.getClassLoader());
    private static final Instant START = Instant.parse("2026-11-10T00:00:00Z");

    private final ConsentSettings settings = ConsentSettings.defaults();

    private Map<String, Object> banner(ConsentManager consents, SubjectId subject, Signals signals, String language) {
        return JsonMaps.of(BannerView.of(consents.state(subject, signals), settings, language));
    }

    private static ConsentManager at(Instant now) {
        return ConsentManager.builder(POLICY, new InMemoryConsentStore()).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    @Test
    void aJapaneseVisitorGetsNoticeWordingNamingWhatRunsAndTheOptInSentenceForTheRest() {
        Map<String, Object> ja = banner(at(START), SubjectId.newVisitor(), Signals.of(Jurisdiction.JP), "ja");
        Map<String, Object> en = banner(at(START), SubjectId.newVisitor(), Signals.of(Jurisdiction.JP), "en");

        assertThat(ja).containsEntry("wording", "notice").containsEntry("ask", true);
        assertThat(ja.get("running")).asList().containsExactly("category:analytics");
        assertThat((String) ja.get("body")).startsWith("当店は、「統計」のためのCookie等を、公表のうえ使用しています。")
                .contains("「表示設定」、「広告」、「興味に合わせた広告」のためのCookie等を、同意いただいた場合にのみ使用します。")
                .doesNotContain(",", "(", ":");
        assertThat((String) en.get("body")).startsWith("This site already uses cookies and similar tools for Statistics;")
                .contains("for Preferences, Advertising, Targeted advertising, only if you agree");
    }

    @Test
    void anEuVisitorGetsOptInWordingOnly() {
        Map<String, Object> eu = banner(at(START), SubjectId.newVisitor(), Signals.of(Jurisdiction.of("DE")), "en");

        assertThat(eu).containsEntry("wording", "opt-in").containsEntry("ask", true).containsEntry("status", null);
        assertThat((String) eu.get("body")).isEqualTo("We would like to use cookies and similar tools for Statistics,"
                + " Preferences, Advertising, Targeted advertising, only if you agree. You can change your choice at any time.");
    }

    @Test
    void aUsVisitorWithGpcSeesTheHonouredStatusAndIsNotAsked() {
        Map<String, Object> us = banner(at(START), SubjectId.newVisitor(),
                Signals.of(Jurisdiction.of("US-CA")).withGpc(true), "en");

        assertThat(us).containsEntry("wording", "us").containsEntry("title", "Your privacy choices")
                .containsEntry("ask", false);
        assertThat((String) us.get("status")).startsWith("Opt-out preference signal honoured");
        assertThat((String) us.get("body")).contains("You can opt out of the sale or sharing");
    }

    @Test
    void afterDoNotSellTheBannerWaitsThePolicysPeriodForTheJurisdictionThenAsksAgain() {
        SubjectId visitor = SubjectId.newVisitor();
        InMemoryConsentStore store = new InMemoryConsentStore();
        ConsentManager then = ConsentManager.builder(POLICY, store).clock(Clock.fixed(START, ZoneOffset.UTC)).build();
        then.record(new ChoiceRequest(visitor, Map.of(Topic.purpose("targeted-ads"), Action.OBJECT), Source.DO_NOT_SELL_LINK,
                Actor.SELF, Jurisdiction.of("US-CA"), Evidence.NONE, null));
        Signals california = Signals.of(Jurisdiction.of("US-CA"));
        Signals texas = Signals.of(Jurisdiction.of("US-TX"));

        Map<String, Object> rightAfter = JsonMaps.of(BannerView.of(then.state(visitor, california), settings, "en"));
        ConsentManager sevenMonthsOn = ConsentManager.builder(POLICY, store)
                .clock(Clock.fixed(START.atZone(ZoneOffset.UTC).plusMonths(7).toInstant(), ZoneOffset.UTC)).build();
        ConsentManager thirteenMonthsOn = ConsentManager.builder(POLICY, store)
                .clock(Clock.fixed(START.atZone(ZoneOffset.UTC).plusMonths(13).toInstant(), ZoneOffset.UTC)).build();

        // Preferences still wait for an answer, yet the opt-out is not followed by a request to opt back in.
        assertThat(then.state(visitor, california).needsChoice()).isTrue();
        assertThat(rightAfter).containsEntry("ask", false);
        assertThat((String) rightAfter.get("status")).startsWith("You have opted out of the sale or sharing");
        assertThat(JsonMaps.of(BannerView.of(sevenMonthsOn.state(visitor, california), settings, "en"))).containsEntry("ask", true);
        assertThat(JsonMaps.of(BannerView.of(sevenMonthsOn.state(visitor, texas), settings, "en"))).containsEntry("ask", false);
        assertThat(JsonMaps.of(BannerView.of(thirteenMonthsOn.state(visitor, texas), settings, "en"))).containsEntry("ask", true);
    }

    @Test
    void thePolicysTextsReplaceTheBuiltInOnesAndCountriesAreNamedInTheLanguage() {
        assertThat(UiTexts.text(POLICY, "en", "back")).isEqualTo("Back to Banner Test Shop");
        assertThat(UiTexts.text(POLICY, "ja", "back")).isEqualTo("ショップに戻る");
        assertThat(UiTexts.country("ja", "US")).isEqualTo("アメリカ合衆国");
        assertThat(UiTexts.country("en", "JP")).isEqualTo("Japan");
    }
}
