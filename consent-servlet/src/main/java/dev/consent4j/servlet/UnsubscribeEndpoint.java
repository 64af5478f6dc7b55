package dev.consent4j.servlet;

import static dev.consent4j.servlet.EndpointHelpers.noStore;
import static dev.consent4j.servlet.EndpointHelpers.requireMethod;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.unsubscribe.UnsubscribeToken;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code {base}/unsubscribe/{token}}: one-click unsubscribe (RFC 8058). {@code GET} shows the page
 * with its button and changes nothing; {@code POST} records the opt-out the signed token names.
 */
final class UnsubscribeEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeEndpoint.class);

    private static final PageTemplate LIST = PageTemplate.load(PublicPages.class, "unsubscribe-list");
    private static final PageTemplate FORM = PageTemplate.load(PublicPages.class, "unsubscribe-form");

    private final ConsentManager consents;
    private final UnsubscribeTokens tokens;
    private final PublicPages pages;

    UnsubscribeEndpoint(ConsentManager consents, UnsubscribeTokens tokens, PublicPages pages) {
        this.consents = consents;
        this.tokens = tokens;
        this.pages = pages;
    }

    void unsubscribe(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        noStore(response);
        response.setHeader("Referrer-Policy", "no-referrer");
        String language = Languages.choose(request, consents.policy());
        Policy policy = consents.policy();
        UnsubscribeTokens.Verified verified = tokens.verify(token);
        // GET shows the page, POST unsubscribes.
        requireMethod(request, "GET", "POST");
        boolean post = "POST".equals(request.getMethod());
        UnsubscribeToken trusted = verified.trusted() ? verified.token() : null;
        if (trusted == null || consents.policy().purpose(trusted.purpose())
                .filter(p -> p.channels().contains(trusted.channel())).isEmpty()) {
            if (verified.rejection() != null) {
                LOG.info("refused an unsubscribe token: {}", verified.rejection());
            }
            if (post) {
                throw new Problem(404, "Unknown unsubscribe link", "this unsubscribe link is not valid or has expired");
            }
            page(request, response, 404, language, UiTexts.text(policy, language, "unsubscribe-invalid"), null, null);
            return;
        }
        UnsubscribeToken scope = trusted;
        String list = UiTexts.text(policy, language, "unsubscribe-list").replace("{list}",
                listName(policy, scope, language));
        if (!post) {
            // Link scanners prefetch GETs: this page only offers the button, it changes nothing.
            page(request, response, 200, language, null, list, UiTexts.text(policy, language, "unsubscribe-confirm"));
            return;
        }
        byte[] body = JsonIo.readBody(request);
        if (!OneClickBody.isOneClick(JsonIo.contentType(request), body)) {
            throw Problem.badRequest("the body must be List-Unsubscribe=One-Click (urlencoded or multipart)");
        }
        Jurisdiction jurisdiction = consents.settings().defaultJurisdiction();
        Decision decision = consents.state(scope.subject(), dev.consent4j.state.Signals.of(jurisdiction))
                .contact(scope.purpose(), scope.channel());
        boolean alreadyStopped = !decision.allowed() && decision.reason() != Reason.NO_CONSENT
                && decision.reason() != Reason.EXPIRED && decision.reason() != Reason.STALE_POLICY;
        if (!alreadyStopped) {
            Purpose purpose = consents.policy().purpose(scope.purpose()).orElseThrow();
            Action action = purpose.basisOn(scope.channel()).in(jurisdiction) == Basis.OPT_OUT ? Action.OBJECT : Action.WITHDRAW;
            consents.record(new ChoiceRequest(scope.subject(), Map.of(Topic.contact(scope.purpose(), scope.channel()), action),
                    Source.ONE_CLICK_UNSUBSCRIBE, Actor.SELF, jurisdiction,
                    new Evidence(consents.policy().version(), language, null, null), null));
        }
        page(request, response, 200, language, UiTexts.text(policy, language, "unsubscribe-done"), list, null);
    }

    /** The list a token unsubscribes from, in words: the purpose and the channel, e.g. 「メールマガジン（メール）」. */
    private static String listName(Policy policy, UnsubscribeToken scope, String language) {
        String fallback = policy.defaultLanguage();
        String purpose = policy.purpose(scope.purpose()).map(p -> p.title().in(language, fallback)).orElse(scope.purpose());
        String channel = policy.channel(scope.channel()).map(c -> c.title().in(language, fallback)).orElse(scope.channel());
        return "ja".equals(language) ? purpose + "（" + channel + "）" : purpose + " (" + channel + ")";
    }

    /** The unsubscribe page: the list, a message and, before unsubscribing, the button. */
    private void page(HttpServletRequest request, HttpServletResponse response, int status, String language,
            @Nullable String message, @Nullable String list, @Nullable String confirmButton) throws IOException {
        StringBuilder content = new StringBuilder(400);
        if (list != null) {
            content.append(LIST.render("list", list));
        }
        if (message != null) {
            content.append(PublicPages.STATUS.render("message", message));
        }
        if (confirmButton != null) {
            // Posts to this same address, as a mail client's one-click would; no script needed.
            content.append(FORM.render("confirm", confirmButton));
        }
        pages.publicPage(request, response, status, language, UiTexts.text(consents.policy(), language, "unsubscribe-title"),
                content.toString());
    }
}
