package dev.consent4j.servlet;

import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the banner says to one visitor and whether it asks, read off their {@link ConsentState}:
 * <ul>
 * <li>{@code us} wording where the shop honours GPC (US state rules): what runs, and the right to
 * opt out of sale, sharing and targeted ads;</li>
 * <li>{@code notice} wording where a category or purpose already runs on an opt-out basis
 * ({@link Reason#DEFAULT_OPT_OUT}), naming it, followed by the opt-in sentence for what waits for
 * consent;</li>
 * <li>{@code opt-in} wording otherwise, naming what waits for consent.</li>
 * </ul>
 * It asks when the state needs a choice, except while an opt-out of sale, sharing or targeted
 * advertising stands: a GPC signal, or an objection younger than the policy's
 * {@code banner.ask-again-after-opt-out} for the jurisdiction.
 */
final class BannerView {

    private BannerView() {
    }

    /**
     * The {@code banner} of {@code GET {base}/state}; {@code changes} are the lines the banner lists
     * when it asks again after a change.
     */
    record Json(boolean ask, String wording, String title, String body, List<String> running, @Nullable String status,
            List<String> changes) {
    }

    static Json of(ConsentState state, ConsentSettings settings, String language) {
        return of(state, settings, language, List.of());
    }

    static Json of(ConsentState state, ConsentSettings settings, String language, List<String> changes) {
        Policy policy = state.policy();
        Jurisdiction jurisdiction = state.signals().jurisdiction();
        String fallback = policy.defaultLanguage();
        List<String> running = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        List<String> runningIds = new ArrayList<>();
        // The topics "accept all" and "reject all" choose are the ones the banner's sentences name.
        for (Topic topic : StateFolder.bannerTopics(policy, jurisdiction)) {
            LocalizedText title = topic.kind() == Topic.Kind.CATEGORY
                    ? policy.cookieCategory(topic.id()).orElseThrow().title()
                    : policy.purpose(topic.id()).orElseThrow().title();
            sort(state.decision(topic), title.in(language, fallback), running, asked, runningIds);
        }
        boolean us = settings.honoursGpc(jurisdiction);
        String wording = us ? "us" : running.isEmpty() ? "opt-in" : "notice";
        List<String> sentences = new ArrayList<>();
        if (!wording.equals("opt-in")) {
            sentences.add(fill(UiTexts.text(policy, language, wording), "{running}", running, language));
        }
        if (!asked.isEmpty() || wording.equals("opt-in")) {
            sentences.add(fill(UiTexts.text(policy, language, "opt-in"), "{asked}", asked, language));
        }
        boolean gpc = state.signals().gpc() && us;
        boolean optedOut = false;
        boolean paused = false;
        Instant now = state.evaluatedAt();
        for (Purpose purpose : policy.purposes()) {
            if (!purpose.coveredByGpc()) {
                continue;
            }
            Decision decision = state.purpose(purpose.id());
            if (decision.reason() == Reason.GPC_SIGNAL) {
                paused = true;
            } else if (decision.reason() == Reason.OBJECTED) {
                optedOut = true;
                paused |= decision.since() == null || decision.since().atZone(ZoneOffset.UTC)
                        .plus(policy.banner().askAgainAfterOptOut(jurisdiction)).toInstant().isAfter(now);
            }
        }
        return new Json(state.needsChoice() && !paused, wording, UiTexts.text(policy, language, us ? "us-title" : "title"),
                String.join("ja".equals(language) ? "" : " ", sentences), runningIds,
                gpc ? UiTexts.text(policy, language, "gpc-honoured")
                        : optedOut ? UiTexts.text(policy, language, "opted-out") : null,
                changes);
    }

    private static void sort(Decision decision, String title, List<String> running, List<String> asked,
            List<String> runningIds) {
        if (decision.reason() == Reason.DEFAULT_OPT_OUT) {
            running.add(title);
            runningIds.add(decision.topic().toString());
        } else if (decision.needsChoice()) {
            asked.add(title);
        }
    }

    private static String fill(String text, String placeholder, List<String> titles, String language) {
        if (!text.contains(placeholder)) {
            return text;
        }
        List<String> quoted = "ja".equals(language) ? titles.stream().map(t -> "「" + t + "」").toList() : titles;
        return text.replace(placeholder, String.join(UiTexts.separator(language), quoted));
    }
}
