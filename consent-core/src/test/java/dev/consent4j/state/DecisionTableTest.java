package dev.consent4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.load.PolicyLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decisions driven by a table: basis × jurisdiction × choices × clock × GPC × age. Each choice is
 * written {@code "ACTION topic version daysAgo [GUARDIAN | source]"}, in chain order (the last listed is
 * the last appended); the clock stands at {@link #NOW}.
 */
class DecisionTableTest {

    static final Policy POLICY = PolicyLoader.loadResource("dev/consent4j/state/decisions-policy.yaml",
            DecisionTableTest.class.getClassLoader());
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final SubjectId SUBJECT = SubjectId.customer("c-1");
    private static final Set<Reason> SEEN = EnumSet.noneOf(Reason.class);

    static Stream<Arguments> rows() {
        return Stream.of(
                row("necessary purpose", "purpose:delivery", "JP", false, null, true, Reason.NECESSARY),
                row("necessary purpose in the EU", "purpose:delivery", "FR", false, null, true, Reason.NECESSARY),
                row("transactional mail ignores marketing refusals", "purpose:order-mail:email", "JP", false, null, true, Reason.NECESSARY),
                row("necessary category", "category:necessary", "DE", false, null, true, Reason.NECESSARY),
                row("opt-in purpose without choice", "purpose:newsletter", "JP", false, null, false, Reason.NO_CONSENT),
                row("opt-in channel without choice", "purpose:newsletter:email", "JP", false, null, false, Reason.NO_CONSENT),
                row("opt-out purpose in JP without choice", "purpose:catalogue", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("opt-out channel in JP without choice", "purpose:catalogue:post", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("same purpose is opt-in in the EU", "purpose:catalogue", "IT", false, null, false, Reason.NO_CONSENT),
                row("analytics opt-out in JP", "category:analytics", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("analytics opt-in in the EU", "category:analytics", "NL", false, null, false, Reason.NO_CONSENT),
                row("advertising opt-in everywhere", "category:advertising", "JP", false, null, false, Reason.NO_CONSENT),
                row("unknown jurisdiction takes the default", "category:analytics", "ZZ", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("granted newsletter", "purpose:newsletter", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:newsletter v2 10"),
                row("granted on the channel", "purpose:newsletter:email", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:newsletter:email v2 10"),
                row("purpose grant covers its channels", "purpose:newsletter:sms", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:newsletter v2 10"),
                row("channel grant does not cover another channel", "purpose:newsletter:sms", "JP", false, null, false, Reason.NO_CONSENT, "GRANT purpose:newsletter:email v2 10"),
                row("denied", "purpose:newsletter", "JP", false, null, false, Reason.DENIED, "DENY purpose:newsletter v2 10"),
                row("withdrawn after a grant", "purpose:newsletter", "JP", false, null, false, Reason.WITHDRAWN, "GRANT purpose:newsletter v2 30", "WITHDRAW purpose:newsletter v2 5"),
                row("granted again after withdrawal", "purpose:newsletter", "JP", false, null, true, Reason.GRANTED, "WITHDRAW purpose:newsletter v2 30", "GRANT purpose:newsletter v2 5"),
                row("objected to post", "purpose:catalogue:post", "JP", false, null, false, Reason.OBJECTED, "OBJECT purpose:catalogue:post v2 3"),
                row("objection to phone leaves post", "purpose:catalogue:post", "JP", false, null, true, Reason.DEFAULT_OPT_OUT, "OBJECT purpose:catalogue:phone v2 3"),
                row("objection to the purpose covers channels", "purpose:catalogue:phone", "JP", false, null, false, Reason.OBJECTED, "OBJECT purpose:catalogue v2 3"),
                row("newer channel grant beats older purpose objection", "purpose:catalogue:post", "JP", false, null, true, Reason.GRANTED, "OBJECT purpose:catalogue v2 20", "GRANT purpose:catalogue:post v2 2"),
                row("newer purpose objection beats older channel grant", "purpose:catalogue:post", "JP", false, null, false, Reason.OBJECTED, "GRANT purpose:catalogue:post v2 20", "OBJECT purpose:catalogue v2 2"),
                row("grant under the version that changed it is stale", "purpose:newsletter", "JP", false, null, false, Reason.STALE_POLICY, "GRANT purpose:newsletter v1 40"),
                // A change to one channel makes only that channel's choices stale; a change to the purpose, every channel's
                row("a phone change makes a phone grant stale", "purpose:catalogue-mail:phone", "FR", false, null, false, Reason.STALE_POLICY, "GRANT purpose:catalogue-mail:phone v1 40"),
                row("a phone change leaves an e-mail grant current", "purpose:catalogue-mail:email", "FR", false, null, true, Reason.GRANTED, "GRANT purpose:catalogue-mail:email v1 40"),
                row("a phone change makes a purpose grant stale on the phone", "purpose:catalogue-mail:phone", "FR", false, null, false, Reason.STALE_POLICY, "GRANT purpose:catalogue-mail v1 40"),
                row("a phone change leaves a purpose grant current on e-mail", "purpose:catalogue-mail:email", "FR", false, null, true, Reason.GRANTED, "GRANT purpose:catalogue-mail v1 40"),
                row("a purpose change makes every channel stale", "purpose:newsletter:sms", "JP", false, null, false, Reason.STALE_POLICY, "GRANT purpose:newsletter:sms v1 40"),
                row("grant under v1 of an unchanged topic carries over", "purpose:targeted-ads", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:targeted-ads v1 40"),
                row("grant under an unknown version is stale", "purpose:targeted-ads", "JP", false, null, false, Reason.STALE_POLICY, "GRANT purpose:targeted-ads v0 40"),
                row("grant one day inside the validity", "category:advertising", "JP", false, null, true, Reason.GRANTED, "GRANT category:advertising v2 364"),
                row("grant older than the validity expired", "category:advertising", "JP", false, null, false, Reason.EXPIRED, "GRANT category:advertising v2 366"),
                row("grant on an opt-out basis does not expire", "category:analytics", "JP", false, null, true, Reason.GRANTED, "GRANT category:analytics v2 800"),
                row("EU analytics granted", "category:analytics", "FR", false, null, true, Reason.GRANTED, "GRANT category:analytics v2 1"),
                row("EU analytics denied", "category:analytics", "FR", false, null, false, Reason.DENIED, "DENY category:analytics v2 1"),
                row("GPC in California refuses targeted ads", "purpose:targeted-ads", "US-CA", true, null, false, Reason.GPC_SIGNAL),
                row("GPC overrides an earlier grant", "purpose:targeted-ads", "US-CA", true, null, false, Reason.GPC_SIGNAL, "GRANT purpose:targeted-ads v2 3"),
                row("GPC in Texas refuses data sale", "purpose:data-sale", "US-TX", true, null, false, Reason.GPC_SIGNAL),
                row("no GPC in Texas leaves the opt-out default", "purpose:data-sale", "US-TX", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("GPC is not honoured in JP by default", "purpose:data-sale", "JP", true, null, true, Reason.DEFAULT_OPT_OUT),
                row("GPC is never reject-all: analytics untouched", "category:analytics", "US-CA", true, null, true, Reason.DEFAULT_OPT_OUT),
                row("GPC is never reject-all: newsletter grant stands", "purpose:newsletter", "US-CA", true, null, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3"),
                row("minor's own grant does not count", "purpose:newsletter", "JP", false, 14, false, Reason.MINOR_WITHOUT_GUARDIAN, "GRANT purpose:newsletter v2 3"),
                row("guardian's grant counts", "purpose:newsletter", "JP", false, 14, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3 GUARDIAN"),
                row("minor with no choice", "purpose:targeted-ads", "JP", false, 15, false, Reason.MINOR_WITHOUT_GUARDIAN),
                row("sixteen-year-old decides alone in JP", "purpose:newsletter", "JP", false, 16, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3"),
                row("US rule is about ads only", "purpose:newsletter", "US-CA", false, 12, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3"),
                row("US child's own ad grant does not count", "purpose:targeted-ads", "US-NY", false, 12, false, Reason.MINOR_WITHOUT_GUARDIAN, "GRANT purpose:targeted-ads v2 3"),
                row("minor's refusal still reads as a refusal", "purpose:newsletter", "JP", false, 14, false, Reason.DENIED, "DENY purpose:newsletter v2 3"),
                // The most specific country's minors rule for a topic applies: FR 15 lowers EU 16 in France only
                row("a 15-year-old's own grant counts in France (FR rule at 15)", "purpose:newsletter", "FR", false, 15, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3"),
                row("a 15-year-old in Germany needs a guardian (EU rule at 16)", "purpose:newsletter", "DE", false, 15, false, Reason.MINOR_WITHOUT_GUARDIAN, "GRANT purpose:newsletter v2 3"),
                row("a 14-year-old in France needs a guardian (FR rule at 15)", "purpose:newsletter", "FR", false, 14, false, Reason.MINOR_WITHOUT_GUARDIAN, "GRANT purpose:newsletter v2 3"),
                row("age unknown: no minor rule", "purpose:newsletter", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:newsletter v2 3"),
                row("the later in the chain counts, not the later in time", "purpose:newsletter", "JP", false, null, false, Reason.DENIED, "GRANT purpose:newsletter v2 1", "DENY purpose:newsletter v2 9"),
                row("a purpose needs the category it is carried out through", "purpose:retargeting", "JP", false, null, false, Reason.CATEGORY_NOT_ALLOWED, "GRANT purpose:retargeting v2 3"),
                row("purpose and its category granted", "purpose:retargeting", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:retargeting v2 3", "GRANT category:advertising v2 3"),
                row("switching the category off switches the purpose off", "purpose:retargeting", "JP", false, null, false, Reason.CATEGORY_NOT_ALLOWED, "GRANT purpose:retargeting v2 3", "GRANT category:advertising v2 3", "DENY category:advertising v2 1"),
                row("GPC refuses the category targeted ads are carried out through", "category:advertising", "US-CA", true, null, false, Reason.GPC_SIGNAL, "GRANT category:advertising v2 3"),
                row("GPC where it is not honoured leaves the category", "category:advertising", "JP", true, null, true, Reason.GRANTED, "GRANT category:advertising v2 3"),
                row("do-not-sell refuses a granted category", "category:advertising", "US-CA", false, null, false, Reason.OBJECTED, "GRANT category:advertising v2 3", "OBJECT purpose:retargeting v2 1"),
                row("do-not-sell leaves no category choice to ask for", "category:advertising", "US-CA", false, null, false, Reason.OBJECTED, "OBJECT purpose:retargeting v2 1"),
                row("the opt-out outlasts a later category grant", "category:advertising", "US-CA", false, null, false, Reason.OBJECTED, "OBJECT purpose:retargeting v2 3", "GRANT category:advertising v2 1"),
                row("a person's own category refusal keeps its reason", "category:advertising", "US-CA", false, null, false, Reason.DENIED, "OBJECT purpose:retargeting v2 3", "DENY category:advertising v2 1"),
                // A basis per channel inside one purpose
                row("catalogues by post on opt-out", "purpose:catalogue-mail:post", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("the same purpose by e-mail is opt-in", "purpose:catalogue-mail:email", "JP", false, null, false, Reason.NO_CONSENT),
                row("the purpose itself keeps its own basis", "purpose:catalogue-mail", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("a channel's jurisdiction override: phone opt-in in the EU", "purpose:catalogue-mail:phone", "DE", false, null, false, Reason.NO_CONSENT),
                row("phone stays opt-out in JP", "purpose:catalogue-mail:phone", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("e-mail granted on its channel", "purpose:catalogue-mail:email", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:catalogue-mail:email v2 2"),
                row("an objection to the purpose stops every channel", "purpose:catalogue-mail:email", "JP", false, null, false, Reason.OBJECTED, "GRANT purpose:catalogue-mail:email v2 9", "OBJECT purpose:catalogue-mail v2 2"),
                row("an e-mail withdrawal leaves post on", "purpose:catalogue-mail:post", "JP", false, null, true, Reason.DEFAULT_OPT_OUT, "WITHDRAW purpose:catalogue-mail:email v2 2"),
                // Notice-only purposes and a request to stop use
                row("notice-only purpose needs no choice", "purpose:product-analysis", "JP", false, null, true, Reason.NOTICE_ONLY),
                row("notice-only in the EU too", "purpose:product-analysis", "FR", false, null, true, Reason.NOTICE_ONLY),
                row("stopped by a stop-use request", "purpose:product-analysis", "JP", false, null, false, Reason.USE_STOPPED, "WITHDRAW purpose:product-analysis v2 4 REQUEST"),
                row("resumed when the person grants it again", "purpose:product-analysis", "JP", false, null, true, Reason.GRANTED, "WITHDRAW purpose:product-analysis v2 4 REQUEST", "GRANT purpose:product-analysis v2 1"),
                row("GPC does not touch a notice-only purpose", "purpose:statistics", "US-CA", true, null, true, Reason.NOTICE_ONLY),
                // Validity per purpose and per jurisdiction; member-terms grants; refusals remembered for their own period
                row("a grant inside the purpose's 12 months", "purpose:member-offers", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:member-offers v2 300"),
                row("a grant past the purpose's 12 months", "purpose:member-offers", "JP", false, null, false, Reason.EXPIRED, "GRANT purpose:member-offers v2 370"),
                row("a member-terms grant does not silently expire", "purpose:member-offers", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:member-offers v2 900 MEMBER_TERMS"),
                row("a refusal in France is re-asked after 6 months", "purpose:member-offers", "FR", false, null, false, Reason.EXPIRED, "DENY purpose:member-offers v2 200"),
                row("a refusal in France within 6 months stands", "purpose:member-offers", "FR", false, null, false, Reason.DENIED, "DENY purpose:member-offers v2 150"),
                row("a refusal in Japan is remembered", "purpose:member-offers", "JP", false, null, false, Reason.DENIED, "DENY purpose:member-offers v2 900"),
                row("a withdrawal in France is re-asked after 6 months", "purpose:member-offers", "FR", false, null, false, Reason.EXPIRED, "GRANT purpose:member-offers v2 300", "WITHDRAW purpose:member-offers v2 190"),
                row("a purpose's own short validity", "purpose:flash-sale", "JP", false, null, false, Reason.EXPIRED, "GRANT purpose:flash-sale v2 100"),
                row("a member-terms grant of a purpose without a terms period never lapses", "purpose:flash-sale", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:flash-sale v2 100 MEMBER_TERMS"),
                row("the policy's validity elsewhere is unchanged", "purpose:targeted-ads", "JP", false, null, true, Reason.GRANTED, "GRANT purpose:targeted-ads v2 100"),
                // Jurisdiction groups
                row("UK key covers Great Britain", "purpose:profiling", "GB", false, null, false, Reason.NO_CONSENT),
                row("UK key covers a GB subdivision", "purpose:profiling", "GB-SCT", false, null, false, Reason.NO_CONSENT),
                row("CH key (revDSG)", "purpose:profiling", "CH", false, null, false, Reason.NO_CONSENT),
                row("EU key covers an EEA country outside the EU", "purpose:profiling", "NO", false, null, false, Reason.NO_CONSENT),
                row("no group for Japan: the default", "purpose:profiling", "JP", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("US-CO: sensitive data opt-in", "purpose:sensitive-data", "US-CO", false, null, false, Reason.NO_CONSENT),
                row("US-CT: sensitive data opt-in", "purpose:sensitive-data", "US-CT", false, null, false, Reason.NO_CONSENT),
                row("US-VA: sensitive data opt-in", "purpose:sensitive-data", "US-VA", false, null, false, Reason.NO_CONSENT),
                row("US-TX: sensitive data opt-in", "purpose:sensitive-data", "US-TX", false, null, false, Reason.NO_CONSENT),
                row("US-OR: sensitive data opt-in", "purpose:sensitive-data", "US-OR", false, null, false, Reason.NO_CONSENT),
                row("US-MT: sensitive data opt-in", "purpose:sensitive-data", "US-MT", false, null, false, Reason.NO_CONSENT),
                row("US-NJ: sensitive data opt-in", "purpose:sensitive-data", "US-NJ", false, null, false, Reason.NO_CONSENT),
                row("US-UT: no state key, the default", "purpose:sensitive-data", "US-UT", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("US-CA: no state key, the default", "purpose:sensitive-data", "US-CA", false, null, true, Reason.DEFAULT_OPT_OUT),
                row("GPC in Colorado refuses data sale", "purpose:data-sale", "US-CO", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in Connecticut refuses data sale", "purpose:data-sale", "US-CT", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in Oregon refuses data sale", "purpose:data-sale", "US-OR", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in Montana refuses data sale", "purpose:data-sale", "US-MT", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in New Jersey refuses data sale", "purpose:data-sale", "US-NJ", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in Virginia refuses data sale (honoured US-wide by default)", "purpose:data-sale", "US-VA", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in Utah refuses data sale (honoured US-wide by default)", "purpose:data-sale", "US-UT", true, null, false, Reason.GPC_SIGNAL),
                row("GPC in the UK is not honoured by default", "purpose:data-sale", "GB", true, null, true, Reason.DEFAULT_OPT_OUT),
                // Minors: 13 to 15-year-olds opt in to sale themselves; under 13 a parent does
                row("a 14-year-old is not sold without opting in", "purpose:data-sale", "US-CA", false, 14, false, Reason.NO_CONSENT),
                row("a 14-year-old opts in themselves", "purpose:data-sale", "US-CA", false, 14, true, Reason.GRANTED, "GRANT purpose:data-sale v2 2"),
                row("a 12-year-old's own opt-in does not count", "purpose:data-sale", "US-CA", false, 12, false, Reason.MINOR_WITHOUT_GUARDIAN, "GRANT purpose:data-sale v2 2"),
                row("a 12-year-old with no choice", "purpose:data-sale", "US-CA", false, 12, false, Reason.MINOR_WITHOUT_GUARDIAN),
                row("a parent opts a 12-year-old in", "purpose:data-sale", "US-CA", false, 12, true, Reason.GRANTED, "GRANT purpose:data-sale v2 2 GUARDIAN"),
                row("a 16-year-old follows the adult default", "purpose:data-sale", "US-CA", false, 16, true, Reason.DEFAULT_OPT_OUT),
                row("the opt-in age is a US rule", "purpose:data-sale", "JP", false, 14, true, Reason.DEFAULT_OPT_OUT));
    }

    private static Arguments row(String name, String topic, String jurisdiction, boolean gpc, Integer age,
            boolean allowed, Reason reason, String... choices) {
        return Arguments.of(name, topic, jurisdiction, gpc, age, allowed, reason, List.of(choices));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, String topic, String jurisdiction, boolean gpc, Integer age, boolean allowed,
            Reason reason, List<String> choices) {
        List<Choice> parsed = new ArrayList<>();
        for (String spec : choices) {
            String[] parts = spec.split(" ");
            // Choices are listed in chain order: each one's sequence is its place in the list.
            // An optional fifth word is the actor (GUARDIAN) or the source (MEMBER_TERMS, REQUEST).
            String extra = parts.length > 4 ? parts[4] : "";
            boolean actor = extra.equals("GUARDIAN") || extra.equals("OPERATOR");
            parsed.add(new Choice(Topic.parse(parts[1]), Action.valueOf(parts[0]),
                    NOW.minus(Duration.ofDays(Long.parseLong(parts[3]))), parts[2],
                    actor ? Actor.Kind.valueOf(extra) : Actor.Kind.SELF, null, parsed.size() + 1,
                    extra.isEmpty() || actor ? Source.BANNER : Source.valueOf(extra)));
        }
        StateFolder folder = new StateFolder(POLICY, ConsentSettings.defaults());
        Signals signals = new Signals(Jurisdiction.of(jurisdiction), gpc, age);
        ConsentState state = folder.fold(SUBJECT, parsed, signals, NOW);
        Decision decision = state.decision(Topic.parse(topic));
        assertThat(decision.reason()).as(name).isEqualTo(reason);
        assertThat(decision.allowed()).as(name).isEqualTo(allowed);
        if (!choices.isEmpty() && reason != Reason.NECESSARY && reason != Reason.DEFAULT_OPT_OUT
                && reason != Reason.NO_CONSENT && reason != Reason.CATEGORY_NOT_ALLOWED && reason != Reason.GPC_SIGNAL) {
            // (a decision resting on another topic, or on a signal, says when that one was chosen, if ever)
            assertThat(decision.since()).as("a decision made by a choice says when").isNotNull();
        }
        SEEN.add(reason);
    }

    /**
     * Without the store, only the choices the request carried decide: every other topic that is not
     * necessary is refused, an opt-out default included, and the carried choices still count.
     */
    @org.junit.jupiter.api.Test
    void whenTheStoreIsUnavailableOnlyCarriedChoicesAllowAnything() {
        StateFolder folder = new StateFolder(POLICY, ConsentSettings.defaults());
        Choice carried = new Choice(Topic.parse("category:analytics"), Action.GRANT, NOW.minus(Duration.ofDays(1)), "v2",
                Actor.Kind.SELF, null, 1);
        Choice refused = new Choice(Topic.parse("purpose:newsletter"), Action.DENY, NOW.minus(Duration.ofDays(1)), "v2",
                Actor.Kind.SELF, null, 2);
        ConsentState state = folder.foldWithoutStore(SUBJECT, List.of(carried, refused), Signals.of(Jurisdiction.JP), NOW);

        assertThat(state.decision(Topic.parse("purpose:catalogue")).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(state.decision(Topic.parse("purpose:catalogue")).allowed()).isFalse();
        assertThat(state.decision(Topic.parse("category:advertising")).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(state.decision(Topic.parse("purpose:delivery")).reason()).isEqualTo(Reason.NECESSARY);
        assertThat(state.decision(Topic.parse("category:analytics")).reason()).isEqualTo(Reason.GRANTED);
        assertThat(state.decision(Topic.parse("purpose:newsletter")).reason()).isEqualTo(Reason.DENIED);
        assertThat(folder.fold(SUBJECT, List.of(), Signals.of(Jurisdiction.JP), NOW)
                .decision(Topic.parse("purpose:catalogue")).reason()).as("with the store, the opt-out default")
                .isEqualTo(Reason.DEFAULT_OPT_OUT);
        SEEN.add(Reason.STORE_UNAVAILABLE);
    }

    @AfterAll
    static void everyReasonIsCovered() {
        assertThat(SEEN).containsExactlyInAnyOrder(Reason.values());
    }
}
