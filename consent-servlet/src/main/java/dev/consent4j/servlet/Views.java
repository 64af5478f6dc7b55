package dev.consent4j.servlet;

import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Revision;
import dev.consent4j.request.Disclosure;
import dev.consent4j.state.ArchivedChoice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON bodies of the decisions ({@code GET {base}/state} and the answers to choices), as documented in {@code docs/http-api.md}. */
final class Views {

    private Views() {
    }

    /**
     * The caller's decisions with reasons, and what the banner says to them in {@code language};
     * {@code banner.changes} are the {@code changes} as the lines the banner lists when it asks again.
     */
    public static Map<String, Object> state(ConsentState state, ConsentSettings settings, String language) {
        Map<String, Object> view = decisions(state, settings, language);
        Map<String, Object> banner = BannerView.of(state, settings, language);
        List<String> lines = new ArrayList<>();
        String separator = "ja".equals(language) ? "：" : ": ";
        for (Object version : (List<?>) view.get("changes")) {
            for (Object change : (List<?>) ((Map<?, ?>) version).get("changes")) {
                Map<?, ?> c = (Map<?, ?>) change;
                lines.add(c.get("title") + separator + c.get("description"));
            }
        }
        banner.put("changes", lines);
        view.put("banner", banner);
        return view;
    }

    /** The caller's decisions with reasons, the banner's texts in the policy's first language. */
    public static Map<String, Object> state(ConsentState state, ConsentSettings settings) {
        return state(state, settings, state.policy().defaultLanguage());
    }

    /**
     * The caller's decisions with reasons; {@code changes} describes, in {@code language}, what the
     * versions after the oldest one the caller's current choices were made under changed (what a
     * banner asking again can show), and {@code archived} lists choices on topics the policy no
     * longer offers.
     */
    private static Map<String, Object> decisions(ConsentState state, ConsentSettings settings, String language) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyVersion", state.policy().version());
        view.put("jurisdiction", state.signals().jurisdiction().code());
        view.put("needsChoice", state.needsChoice());
        boolean signal = state.signals().gpc();
        Map<String, Object> gpc = new LinkedHashMap<>();
        gpc.put("signal", signal);
        gpc.put("honoured", signal && settings.honoursGpc(state.signals().jurisdiction()));
        view.put("gpc", gpc);
        Map<String, Boolean> categories = new LinkedHashMap<>();
        for (CookieCategory category : state.policy().cookieCategories()) {
            categories.put(category.id(), state.categoryAllowed(category.id()));
        }
        view.put("categories", categories);
        Map<String, Boolean> purposes = new LinkedHashMap<>();
        for (Purpose purpose : state.policy().purposes()) {
            purposes.put(purpose.id(), state.allows(purpose.id()));
        }
        view.put("purposes", purposes);
        Map<String, String> consentMode = new LinkedHashMap<>();
        state.consentMode().forEach((type, granted) -> consentMode.put(type, granted ? "granted" : "denied"));
        view.put("consentMode", consentMode);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (Decision decision : state.decisions().values()) {
            decisions.add(decision(decision));
        }
        view.put("decisions", decisions);
        view.put("changes", changesSinceChoices(state, language));
        List<Map<String, Object>> archived = new ArrayList<>();
        for (ArchivedChoice choice : state.archived()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("topic", choice.choice().topic().toString());
            a.put("action", choice.choice().action().name().toLowerCase(Locale.ROOT));
            a.put("since", choice.choice().at().toString());
            a.put("policyVersion", choice.choice().policyVersion());
            a.put("removedIn", choice.removedIn());
            archived.add(a);
        }
        view.put("archived", archived);
        return view;
    }

    /** The described changes after the oldest version among the decisions made by a choice; none when all are current. */
    private static List<Map<String, Object>> changesSinceChoices(ConsentState state, String language) {
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
        return since == null ? List.of() : dev.consent4j.servlet.Disclosure.history(policy, since, language);
    }

    private static Map<String, Object> decision(Decision decision) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("topic", decision.topic().toString());
        d.put("allowed", decision.allowed());
        d.put("reason", decision.reason().name());
        d.put("since", decision.since() == null ? null : decision.since().toString());
        d.put("policyVersion", decision.policyVersion());
        return d;
    }
}
