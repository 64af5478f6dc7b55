package dev.consent4j.servlet;

import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Revision;
import dev.consent4j.state.ArchivedChoice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON bodies of the decisions ({@code GET {base}/state} and the answers to choices), as documented in {@code docs/http-api.md}. */
final class Views {

    /**
     * The body of {@code GET {base}/state} and of every successful choice. {@code categories},
     * {@code purposes} and {@code consentMode} are keyed by the policy's ids and Consent Mode's types.
     */
    record State(String policyVersion, String jurisdiction, boolean needsChoice, Gpc gpc, Map<String, Boolean> categories,
            Map<String, Boolean> purposes, Map<String, String> consentMode, List<DecisionJson> decisions,
            List<Disclosure.Version> changes, List<Archived> archived, BannerView.Json banner) {
    }

    record Gpc(boolean signal, boolean honoured) {
    }

    record DecisionJson(String topic, boolean allowed, String reason, @Nullable String since, @Nullable String policyVersion) {
    }

    record Archived(String topic, String action, String since, String policyVersion, @Nullable String removedIn) {
    }

    private Views() {
    }

    /**
     * The caller's decisions with reasons, and what the banner says to them in {@code language};
     * {@code banner.changes} are the {@code changes} as the lines the banner lists when it asks again.
     * {@code changes} describes, in {@code language}, what the versions after the oldest one the
     * caller's current choices were made under changed (what a banner asking again can show), and
     * {@code archived} lists choices on topics the policy no longer offers.
     */
    public static State state(ConsentState state, ConsentSettings settings, String language) {
        List<Disclosure.Version> changes = changesSinceChoices(state, language);
        List<String> lines = new ArrayList<>();
        String separator = "ja".equals(language) ? "：" : ": ";
        for (Disclosure.Version version : changes) {
            for (Disclosure.Change change : version.changes()) {
                lines.add(change.title() + separator + change.description());
            }
        }
        boolean signal = state.signals().gpc();
        Gpc gpc = new Gpc(signal, signal && settings.honoursGpc(state.signals().jurisdiction()));
        Map<String, Boolean> categories = new LinkedHashMap<>();
        for (CookieCategory category : state.policy().cookieCategories()) {
            categories.put(category.id(), state.categoryAllowed(category.id()));
        }
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        for (Purpose purpose : state.policy().purposes()) {
            purposes.put(purpose.id(), state.allows(purpose.id()));
        }
        Map<String, String> consentMode = new LinkedHashMap<>();
        state.consentMode().forEach((type, granted) -> consentMode.put(type, granted ? "granted" : "denied"));
        List<DecisionJson> decisions = new ArrayList<>();
        for (Decision decision : state.decisions().values()) {
            decisions.add(new DecisionJson(decision.topic().toString(), decision.allowed(), decision.reason().name(),
                    decision.since() == null ? null : decision.since().toString(), decision.policyVersion()));
        }
        List<Archived> archived = new ArrayList<>();
        for (ArchivedChoice choice : state.archived()) {
            archived.add(new Archived(choice.choice().topic().toString(),
                    choice.choice().action().name().toLowerCase(Locale.ROOT), choice.choice().at().toString(),
                    choice.choice().policyVersion(), choice.removedIn()));
        }
        return new State(state.policy().version(), state.signals().jurisdiction().code(), state.needsChoice(), gpc,
                categories, purposes, consentMode, decisions, changes, archived,
                BannerView.of(state, settings, language, lines));
    }

    /** The caller's decisions with reasons, the banner's texts in the policy's first language. */
    public static State state(ConsentState state, ConsentSettings settings) {
        return state(state, settings, state.policy().defaultLanguage());
    }

    /** The described changes after the oldest version among the decisions made by a choice; none when all are current. */
    private static List<Disclosure.Version> changesSinceChoices(ConsentState state, String language) {
        Policy policy = state.policy();
        List<Revision> since = null;
        for (Decision decision : state.decisions().values()) {
            if (decision.policyVersion() != null && !decision.policyVersion().equals(policy.version())) {
                List<Revision> after = policy.revisionsAfter(decision.policyVersion());
                if (since == null || after.size() > since.size()) {
                    since = after;
                }
            }
        }
        return since == null ? List.of() : Disclosure.history(policy, since, language);
    }
}
