package dev.consent4j.servlet;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.guardian.GuardianConsentToken;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.internal.html.PageTemplate;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.signing.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code {base}/guardian-consent}: a guardian's choices for a minor, recorded with actor
 * {@code GUARDIAN} and source {@code GUARDIAN_CONSENT}.
 *
 * <p>With {@code ?token=} (a {@link dev.consent4j.guardian.GuardianLinks} link the shop sent the
 * guardian): {@code GET} shows a page naming the shop, the account and each purpose the link asks
 * about, with a grant and a refuse choice; {@code POST} (the page's own form) records the answers
 * once, with evidence naming the token id and the hash of the contact the link was sent to. The
 * guardian need not be signed in. A link is used once ({@link ConsentManager#recordOnce} with the
 * token id: the events' ids come from it, so the store itself refuses a second use, on any node);
 * a used link answers 409, an expired one 410, a forged or damaged one 400.
 *
 * <p>Without a token, {@code POST} with a JSON body records choices for the signed-in minor as the
 * guardian's — only when the shop opted in ({@link ConsentEndpoints.Builder#sessionGuardianConsent}),
 * because the library cannot tell a guardian was at the minor's screen.
 */
final class GuardianConsentEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GuardianConsentEndpoint.class);
    private static final Set<String> FIELDS = Set.of("choices", "language");
    private static final String NOTICE = " notice:";
    private static final PageTemplate FORM = PageTemplate.load(PublicPages.class, "guardian-form");
    private static final PageTemplate TOPIC = PageTemplate.load(PublicPages.class, "guardian-topic");
    private static final PageTemplate PARAGRAPH = PageTemplate.load(PublicPages.class, "paragraph");

    private final ConsentManager consents;
    private final StateFolder folder;
    private final @Nullable GuardianConsentTokens tokens;
    private final boolean sessionAllowed;
    private final PublicPages pages;

    GuardianConsentEndpoint(ConsentManager consents, StateFolder folder, @Nullable GuardianConsentTokens tokens,
            boolean sessionAllowed, PublicPages pages) {
        this.pages = pages;
        this.consents = consents;
        this.folder = folder;
        this.tokens = tokens;
        this.sessionAllowed = sessionAllowed;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, ConsentContext context) throws IOException {
        String token = token(request);
        String method = request.getMethod();
        if (token == null) {
            if (!"POST".equals(method)) {
                if (!List.of("GET", "HEAD").contains(method)) {
                    throw Problem.methodNotAllowed(List.of("GET", "HEAD", "POST"));
                }
                throw Problem.badRequest("open the link the guardian was sent: it carries ?token=");
            }
            if (!sessionAllowed) {
                throw new Problem(403, "Guardian link required", "a guardian's consent is given through the link the shop"
                        + " sends the guardian; this shop does not take it from the minor's own session");
            }
            bySession(request, response, context);
            return;
        }
        GuardianConsentTokens tokens = this.tokens;
        if (tokens == null) {
            throw new Problem(404, "Not found", "guardian-consent links are not set up on this shop");
        }
        if (!List.of("GET", "HEAD", "POST").contains(method)) {
            throw Problem.methodNotAllowed(List.of("GET", "HEAD", "POST"));
        }
        EndpointHelpers.noStore(response);
        response.setHeader("Referrer-Policy", "no-referrer");
        if ("POST".equals(method)) {
            byLink(request, response, context, tokens, token);
        } else {
            page(request, response, tokens, token);
        }
    }

    /** The {@code token} query parameter, or {@code null} when there is none; 400 when given twice. */
    private static @Nullable String token(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return null;
        }
        String found = null;
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!name.equals("token")) {
                throw Problem.badRequest("the only query parameter is token");
            }
            if (found != null) {
                throw Problem.badRequest("token is given more than once");
            }
            try {
                found = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("token is not a valid query value");
            }
        }
        return found;
    }

    /** The token's scope, or the problem for a token that cannot be used. */
    private static GuardianConsentToken verify(GuardianConsentTokens tokens, String token) {
        GuardianConsentTokens.Verified verified = tokens.verify(token);
        GuardianConsentToken trusted = verified.token();
        if (verified.trusted() && trusted != null) {
            return trusted;
        }
        LOG.info("refused a guardian-consent token: {}", verified.rejection());
        if (verified.rejection() == Rejection.EXPIRED) {
            throw new Problem(410, "Link expired", "this guardian-consent link has expired; ask for a new one from the account page");
        }
        throw Problem.badRequest("this guardian-consent link is not valid; open it exactly as it was sent");
    }

    private boolean used(GuardianConsentToken token) {
        return consents.recordedOnce(token.subject(), token.id());
    }

    /** The topics of the token the current policy still offers a choice on, in the request's jurisdiction. */
    private List<Topic> askable(GuardianConsentToken token, Jurisdiction jurisdiction) {
        List<Topic> askable = new ArrayList<>();
        for (Topic topic : token.topics()) {
            if (folder.choosable(topic, jurisdiction)) {
                askable.add(topic);
            }
        }
        return askable;
    }

    private void page(HttpServletRequest request, HttpServletResponse response, GuardianConsentTokens tokens,
            String raw) throws IOException {
        Policy policy = consents.policy();
        String language = Languages.choose(request, policy);
        GuardianConsentToken token;
        try {
            token = verify(tokens, raw);
        } catch (Problem problem) {
            pages.publicPage(request, response, problem.status(), language, UiTexts.text(policy, language, "guardian-title"),
                    status(policy, language, problem.status() == 410 ? "guardian-expired" : "guardian-invalid"));
            return;
        }
        if (used(token)) {
            pages.publicPage(request, response, 409, language, UiTexts.text(policy, language, "guardian-title"),
                    status(policy, language, "guardian-used"));
            return;
        }
        Jurisdiction jurisdiction = ConsentContext.find(request).map(c -> c.signals().jurisdiction())
                .orElse(consents.settings().defaultJurisdiction());
        List<Topic> topics = askable(token, jurisdiction);
        if (topics.isEmpty()) {
            pages.publicPage(request, response, 200, language, UiTexts.text(policy, language, "guardian-title"),
                    status(policy, language, "guardian-nothing"));
            return;
        }
        String shop = policy.operator().name().in(language, policy.defaultLanguage());
        StringBuilder fieldsets = new StringBuilder(1200);
        for (Topic topic : topics) {
            String description = description(topic, language);
            // Neither answer is preselected: the guardian picks one.
            fieldsets.append(TOPIC.render(Map.of("title", title(topic, language),
                    "description", description.isEmpty() ? "" : PARAGRAPH.render("text", description),
                    "topic", topic.toString(),
                    "grant", UiTexts.text(policy, language, "guardian-grant"),
                    "refuse", UiTexts.text(policy, language, "guardian-refuse"))));
        }
        // Posts to this same address, token included; no script needed.
        String form = FORM.render(Map.of(
                "intro", UiTexts.text(policy, language, "guardian-intro").replace("{shop}", shop)
                        .replace("{account}", token.accountDisplay()),
                "language", language,
                "topics", fieldsets.toString(),
                "submit", UiTexts.text(policy, language, "guardian-submit")));
        pages.publicPage(request, response, 200, language, UiTexts.text(policy, language, "guardian-title"), form);
    }

    private void byLink(HttpServletRequest request, HttpServletResponse response, ConsentContext context,
            GuardianConsentTokens tokens, String raw) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        GuardianConsentToken token = verify(tokens, raw);
        Policy policy = consents.policy();
        Jurisdiction jurisdiction = context.signals().jurisdiction();
        String type = JsonIo.contentType(request);
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/x-www-form-urlencoded")) {
            throw new Problem(415, "Unsupported media type", "send the page's form: application/x-www-form-urlencoded");
        }
        Map<String, String> form = form(JsonIo.readBody(request));
        List<Topic> topics = askable(token, jurisdiction);
        List<Problem.FieldError> errors = new ArrayList<>();
        String language = form.remove("language");
        if (language != null && !policy.languages().contains(language)) {
            errors.add(new Problem.FieldError("/language", "language is one of the policy's: " + policy.languages()));
            language = null;
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (Topic topic : topics) {
            String answer = form.remove(topic.toString());
            if ("grant".equals(answer)) {
                choices.put(topic, Action.GRANT);
            } else if ("deny".equals(answer)) {
                choices.put(topic, Action.DENY);
            } else {
                errors.add(new Problem.FieldError("/" + EndpointHelpers.pointer(topic.toString()),
                        "answer \"grant\" or \"deny\" for each purpose the link asks about"));
            }
        }
        for (String field : form.keySet()) {
            errors.add(new Problem.FieldError("/" + EndpointHelpers.pointer(field), "not a purpose this link asks about"));
        }
        if (topics.isEmpty()) {
            throw new Problem(409, "Nothing to ask", "the policy no longer offers a choice on what this link asks about");
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        String notice = token.evidenceReference() + NOTICE + policy.version();
        if (consents.recordOnce(token.id(), ChoiceRequest.byGuardian(token.subject(), choices, jurisdiction,
                RequestEvidence.of(request, notice, language))).isEmpty()) {
            throw used();
        }
        // The guardian's browser is not the minor's: its own consent cookie and state are left as they are.
        String shown = language != null ? language : Languages.choose(request, policy);
        pages.publicPage(request, response, 200, shown, UiTexts.text(policy, shown, "guardian-title"),
                status(policy, shown, "guardian-done"));
    }

    private static Problem used() {
        return new Problem(409, "Link already used", "this guardian-consent link has been used; its answers are recorded."
                + " To change them, ask for a new link from the account page");
    }

    /** An urlencoded form: 400 for a malformed or repeated field. */
    private static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.US_ASCII);
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.put(name, value) != null) {
                    throw Problem.badRequest("a form field is given more than once");
                }
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest("malformed form body");
            }
        }
        return fields;
    }

    private String title(Topic topic, String language) {
        Policy policy = consents.policy();
        String fallback = policy.defaultLanguage();
        String title = switch (topic.kind()) {
            case CATEGORY -> policy.cookieCategory(topic.id()).map(CookieCategory::title).map(t -> t.in(language, fallback)).orElse("");
            case PURPOSE, CONTACT -> policy.purpose(topic.id()).map(Purpose::title).map(t -> t.in(language, fallback)).orElse("");
        };
        String channelId = topic.channel();
        if (channelId != null) {
            String channel = policy.channel(channelId).map(c -> c.title().in(language, fallback)).orElse(channelId);
            title = title + " (" + channel + ")";
        }
        return title.isEmpty() ? topic.id() : title;
    }

    private String description(Topic topic, String language) {
        Policy policy = consents.policy();
        String fallback = policy.defaultLanguage();
        return switch (topic.kind()) {
            case CATEGORY -> policy.cookieCategory(topic.id()).map(c -> c.description().in(language, fallback)).orElse("");
            case PURPOSE, CONTACT -> policy.purpose(topic.id()).map(p -> p.description().in(language, fallback)).orElse("");
        };
    }

    private static String status(Policy policy, String language, String key) {
        return PublicPages.STATUS.render("message", UiTexts.text(policy, language, key));
    }

    /** The opt-in path: the JSON choices of a signed-in minor's session, taken as the guardian's. */
    private void bySession(HttpServletRequest request, HttpServletResponse response, ConsentContext context) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        JsonNode body = JsonIo.readJson(request);
        SubjectId minor = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                "a guardian's consent is recorded for a signed-in customer's account; sign in first"));
        Policy policy = consents.policy();
        Jurisdiction jurisdiction = context.signals().jurisdiction();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(new Problem.FieldError("/" + EndpointHelpers.pointer(field), "unknown field; expected choices, language"));
            }
        }
        String language = EndpointHelpers.language(body, policy, errors);
        Map<Topic, Action> choices = new LinkedHashMap<>();
        JsonNode each = body.get("choices");
        if (each == null || !each.isObject() || each.isEmpty()) {
            errors.add(new Problem.FieldError("/choices", "choices is a non-empty object of topic: action"));
        } else {
            for (Map.Entry<String, JsonNode> entry : each.properties()) {
                String at = "/choices/" + EndpointHelpers.pointer(entry.getKey());
                Topic topic = EndpointHelpers.topic(entry.getKey(), at, errors);
                if (topic == null) {
                    continue;
                }
                Action action = EndpointHelpers.action(entry.getValue());
                if (action == null || action == Action.OBJECT) {
                    errors.add(new Problem.FieldError(at, "a guardian's action is \"grant\", \"deny\" or \"withdraw\""));
                    continue;
                }
                if (topic.kind() != Topic.Kind.CATEGORY && policy.purpose(topic.id())
                        .filter(p -> p.basis().in(jurisdiction) == Basis.NOTICE).isPresent()) {
                    errors.add(new Problem.FieldError(at, "purpose '" + topic.id() + "' is notice-only and offers no choice"));
                    continue;
                }
                choices.put(topic, action);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        Evidence evidence = RequestEvidence.of(request, policy.version(), language);
        consents.record(ChoiceRequest.byGuardian(minor, choices, jurisdiction, evidence));
        context.update(consents.state(minor, context.signals()), null);
        EndpointHelpers.noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings()));
    }
}
