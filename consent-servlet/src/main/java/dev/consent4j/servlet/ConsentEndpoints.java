package dev.consent4j.servlet;

import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentHistory;
import dev.consent4j.ConsentManager;
import dev.consent4j.InvalidChoiceException;
import dev.consent4j.RateLimitedLog;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.StoreUnavailableException;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.event.Action;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.Verification;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import dev.consent4j.state.fold.StateFolder;
import dev.consent4j.unsubscribe.UnsubscribeToken;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The endpoints shoppers, the banner and mail clients talk to; see {@code docs/http-api.md}. Map
 * it to {@code {base}/*} (e.g. {@code /consent/*}) and to {@code /.well-known/gpc.json}, behind the
 * {@link ConsentFilter}, which gives each request its consent state and issues the cookie.
 *
 * <p>Bad input gets a 4xx {@code application/problem+json} answer and changes nothing; state
 * changes refuse cross-site requests, except the one-click unsubscribe, whose signed token is its
 * authority (a guardian-consent link's token is not enough: its form posts from its own page). While the store is unavailable ({@link StoreUnavailableException}), whatever reads or
 * writes it answers 503 problem+json with {@code Retry-After} and acknowledges nothing; another
 * store failure answers 500 problem+json. Neither body holds ids or SQL: those go to the log.
 */
public final class ConsentEndpoints extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsentEndpoints.class);
    private static final String ASSETS = "/META-INF/resources/consent4j/";

    /** The {@code Retry-After} of a 503 answered while the store is unavailable. */
    static final long RETRY_AFTER_SECONDS = 10;

    private final transient ConsentManager consents;
    private final transient UnsubscribeTokens tokens;
    private final transient CspReports cspReports;
    private final transient Predicate<HttpServletRequest> operator;
    private final LocalDate gpcLastUpdate;
    private final transient PersonalRequests requests;
    private final transient RateLimitedLog storeWarnings;
    private final transient EnforcementListener listener;
    private final String home;
    private final List<String> themes;
    /**
     * {@code /policy} bodies by what they are built from: not the jurisdiction code the client
     * sent (there are millions) but the rules that code selects, so every jurisdiction with the
     * same rules shares one body. Capped as a backstop; past the cap, bodies are built per request.
     */
    private final transient Map<PolicyBodyKey, byte[]> policyBodies = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_POLICY_BODIES = 256;
    private final transient GuardianConsentEndpoint guardianConsent;

    private ConsentEndpoints(Builder builder) {
        this.consents = builder.consents;
        this.tokens = builder.tokens;
        this.cspReports = new CspReports(consents.policy(), consents.clock(), 500, 50, 10);
        this.operator = builder.operator;
        this.gpcLastUpdate = builder.gpcLastUpdate != null ? builder.gpcLastUpdate : consents.policy().effectiveDate();
        this.requests = builder.requests;
        this.storeWarnings = new RateLimitedLog(LOG, consents.clock(), ConsentFilter.STORE_WARNING_INTERVAL);
        this.listener = GuardedListener.guard(builder.listener, consents.clock());
        this.home = builder.home;
        this.themes = builder.themes;
        this.guardianConsent = new GuardianConsentEndpoint(consents, builder.guardianTokens, builder.sessionGuardianConsent,
                this);
    }

    /**
     * @param tokens verifies one-click unsubscribe tokens; the same instance (or keys) the shop's
     *               mailer uses through {@link dev.consent4j.unsubscribe.UnsubscribeLinks}
     */
    public static Builder builder(ConsentManager consents, UnsubscribeTokens tokens) {
        return new Builder(consents, tokens);
    }

    /** Hosts CSP reports named that the policy does not declare, with counts. */
    public Map<String, Long> undeclaredHosts() {
        return cspReports.undeclaredHosts();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("HEAD".equals(request.getMethod())) {
            // Answered as GET is, with the same status and headers and no body.
            HeadResponse head = new HeadResponse(response);
            answer(request, head);
            head.finish();
        } else {
            answer(request, response);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(request, response);
        } catch (Problem problem) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                JsonIo.problem(response, problem);
            }
        } catch (InvalidChoiceException e) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                JsonIo.problem(response, Problem.invalid(List.of(new Problem.FieldError(
                        e.topic() == null ? "" : "/choices/" + pointer(e.topic().toString()), e.getMessage()))));
            }
        } catch (StoreUnavailableException e) {
            storeWarnings.warn("store", "a consent endpoint could not reach the store; it answers {} until the store is back",
                    "503", e);
            failed(response, Problem.unavailable(RETRY_AFTER_SECONDS));
        } catch (ConsentStoreException e) {
            // Not the caller's fault, and nothing for their eyes: ids and SQL stay in the log.
            LOG.error("a consent endpoint failed on a store error", e);
            failed(response, Problem.internal());
        }
    }

    /** Answers {@code problem} in place of anything the endpoint had begun, unless the response is already sent. */
    private static void failed(HttpServletResponse response, Problem problem) throws IOException {
        if (!response.isCommitted()) {
            response.resetBuffer();
            response.setHeader("Content-Disposition", null);
            JsonIo.problem(response, problem);
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!RequestPaths.canonical(request)) {
            throw Problem.badRequest(RequestPaths.NOT_PLAIN);
        }
        if ("/.well-known/gpc.json".equals(request.getServletPath())) {
            requireMethod(request, "GET");
            gpcJson(response);
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String method = request.getMethod();
        if (path.startsWith("/unsubscribe/")) {
            unsubscribe(request, response, path.substring("/unsubscribe/".length()));
            return;
        }
        if (path.equals("/requests") || path.startsWith("/operator/requests")) {
            if (requests == null) {
                throw new Problem(404, "Not found", "personal requests are not set up on this shop");
            }
            if (path.equals("/requests")) {
                personalRequests(request, response);
            } else {
                operatorRequests(request, response, path.substring("/operator/requests".length()));
            }
            return;
        }
        if (path.startsWith("/assets/")) {
            requireMethod(request, "GET");
            asset(response, path.substring("/assets/".length()));
            return;
        }
        switch (path) {
            case "/policy" -> {
                requireMethod(request, "GET");
                policy(request, response);
            }
            case "/state" -> {
                requireMethod(request, "GET");
                noStore(response);
                ConsentContext context = context(request);
                if (context.storeUnavailable()) {
                    // The fail-closed state is not the customer's: a preference centre must not show it as theirs.
                    throw Problem.unavailable(RETRY_AFTER_SECONDS);
                }
                JsonIo.write(response, 200, Views.state(context.state(), consents.settings(),
                        Languages.choose(request, consents.policy())));
            }
            case "/choices" -> {
                requireMethod(request, "POST");
                choices(request, response);
            }
            case "/opt-out" -> {
                requireMethod(request, "POST");
                optOut(request, response);
            }
            case "/do-not-sell" -> {
                requireMethod(request, "POST");
                doNotSell(request, response);
            }
            case "/guardian-consent" -> guardianConsent.handle(request, response, context(request));
            case "/disclosure" -> {
                requireMethod(request, "GET");
                disclosure(request, response);
            }
            case "/export" -> {
                requireMethod(request, "GET");
                export(request, response);
            }
            case "/csp-report" -> {
                requireMethod(request, "POST");
                cspReport(request, response);
            }
            default -> throw new Problem(404, "Not found", "no consent endpoint at this path");
        }
    }

    private void policy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Policy policy = consents.policy();
        String language = Languages.choose(request, policy);
        Jurisdiction jurisdiction = context(request).signals().jurisdiction();
        String base = request.getContextPath() + request.getServletPath();
        PolicyBodyKey key = PolicyBodyKey.of(policy, language, jurisdiction, base);
        byte[] body = policyBodies.get(key);
        if (body == null) {
            body = JsonIo.bytes(Views.policy(consents.folder(), consents.clock().instant(), language, jurisdiction, base));
            if (policyBodies.size() < MAX_POLICY_BODIES) {
                policyBodies.putIfAbsent(key, body);
            }
        }
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setHeader("Vary", "Accept-Language");
        response.setHeader("Content-Language", language);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** How many {@code /policy} bodies are cached, for tests. */
    int cachedPolicyBodies() {
        return policyBodies.size();
    }

    /**
     * Everything {@link Views#policy} reads that can differ between requests: the policy (by
     * identity, so a new policy never gets an old body), the language, the base path, and for the
     * jurisdiction only what it changes: the basis of each cookie category and each purpose there.
     * Consent Mode defaults list every region and do not depend on the caller's jurisdiction; GPC
     * is not part of the body.
     */
    private record PolicyBodyKey(Policy policy, String language, String base, String bases) {

        static PolicyBodyKey of(Policy policy, String language, Jurisdiction jurisdiction, String base) {
            StringBuilder bases = new StringBuilder();
            for (CookieCategory category : policy.cookieCategories()) {
                bases.append(category.basis().in(jurisdiction).ordinal()).append(',');
            }
            bases.append('|');
            for (Purpose purpose : policy.purposes()) {
                bases.append(purpose.basis().in(jurisdiction).ordinal()).append(',');
            }
            return new PolicyBodyKey(policy, language, base, bases.toString());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PolicyBodyKey key && key.policy == policy && key.language.equals(language)
                    && key.base.equals(base) && key.bases.equals(bases);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(policy), language, base, bases);
        }
    }

    private void choices(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        JsonNode body = JsonIo.readJson(request);
        Policy policy = consents.policy();
        Jurisdiction jurisdiction = context.signals().jurisdiction();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("choices", "all", "source", "language", "outcome").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field),
                        "unknown field; expected choices, all, source, language, outcome"));
            }
        }
        Source source = Source.BANNER;
        JsonNode sourceNode = body.get("source");
        if (sourceNode != null) {
            if (sourceNode.isString() && sourceNode.stringValue().equals("banner")) {
                source = Source.BANNER;
            } else if (sourceNode.isString() && sourceNode.stringValue().equals("preference-centre")) {
                source = Source.PREFERENCE_CENTRE;
            } else {
                errors.add(new Problem.FieldError("/source", "source is \"banner\" or \"preference-centre\""));
            }
        }
        String language = null;
        JsonNode languageNode = body.get("language");
        if (languageNode != null) {
            if (languageNode.isString() && policy.languages().contains(languageNode.stringValue())) {
                language = languageNode.stringValue();
            } else {
                errors.add(new Problem.FieldError("/language", "language is one of the policy's: " + policy.languages()));
            }
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        JsonNode all = body.get("all");
        JsonNode each = body.get("choices");
        BannerOutcome outcome = outcome(body.get("outcome"), all, each, errors);
        if ((all == null) == (each == null)) {
            errors.add(new Problem.FieldError("", "send either \"choices\" (an object of topic: action) or \"all\" (\"grant\" or \"deny\")"));
        } else if (all != null) {
            Action action = all.isString() && all.stringValue().equals("grant") ? Action.GRANT
                    : all.isString() && all.stringValue().equals("deny") ? Action.DENY : null;
            if (action == null) {
                errors.add(new Problem.FieldError("/all", "all is \"grant\" or \"deny\""));
            } else {
                for (Topic topic : consents.folder().allChoice(context.state(), action)) {
                    choices.put(topic, action);
                }
            }
        } else if (!each.isObject() || each.isEmpty()) {
            errors.add(new Problem.FieldError("/choices", "choices is a non-empty object of topic: action"));
        } else {
            for (Map.Entry<String, JsonNode> entry : each.properties()) {
                String at = "/choices/" + pointer(entry.getKey());
                Topic topic;
                try {
                    topic = Topic.parse(entry.getKey());
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError(at, "a topic is category:<id>, purpose:<id> or purpose:<id>:<channel>"));
                    continue;
                }
                if (topic.channel() != null && context.customer().isEmpty()) {
                    errors.add(new Problem.FieldError(at, "choices per channel are made by a signed-in customer"));
                    continue;
                }
                Action action = action(entry.getValue());
                if (action == null) {
                    errors.add(new Problem.FieldError(at, "an action is \"grant\", \"deny\", \"withdraw\" or \"object\""));
                    continue;
                }
                if (topic.kind() != Topic.Kind.CATEGORY && policy.purpose(topic.id())
                        .filter(p -> p.basis().in(jurisdiction) == Basis.NOTICE).isPresent()) {
                    errors.add(new Problem.FieldError(at, "purpose '" + topic.id() + "' is notice-only and offers no choice; "
                            + "a personal request to stop use (POST requests) can stop it"));
                    continue;
                }
                choices.put(topic, action);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        record(request, context, choices, source, language);
        if (outcome != null) {
            listener.bannerOutcome(outcome);
        }
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    /**
     * The optional {@code outcome} of a choices request: which banner button was used. It must
     * agree with the body: {@code accept-all} with {@code "all": "grant"}, {@code reject-all}
     * with {@code "all": "deny"}, {@code custom} with {@code "choices"}.
     */
    private static BannerOutcome outcome(JsonNode node, JsonNode all, JsonNode each, List<Problem.FieldError> errors) {
        if (node == null) {
            return null;
        }
        BannerOutcome outcome = node.isString() ? BannerOutcome.of(node.stringValue()).orElse(null) : null;
        if (outcome == null) {
            errors.add(new Problem.FieldError("/outcome", "outcome is \"accept-all\", \"reject-all\" or \"custom\""));
            return null;
        }
        String allValue = all != null && all.isString() ? all.stringValue() : null;
        boolean agrees = switch (outcome) {
            case ACCEPT_ALL -> "grant".equals(allValue);
            case REJECT_ALL -> "deny".equals(allValue);
            case CUSTOM -> each != null && all == null;
        };
        if (!agrees) {
            errors.add(new Problem.FieldError("/outcome", "accept-all goes with \"all\": \"grant\", reject-all with"
                    + " \"all\": \"deny\", custom with \"choices\""));
        }
        return outcome;
    }

    private void optOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        JsonNode body = JsonIo.readJson(request);
        if (context.customer().isEmpty()) {
            throw new Problem(401, "Sign-in required",
                    "choices per purpose and channel belong to a customer account; sign in first, or use do-not-sell");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("purpose", "channel", "action").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field), "unknown field; expected purpose, channel, action"));
            }
        }
        JsonNode purpose = body.get("purpose");
        JsonNode channel = body.get("channel");
        if (purpose == null || !purpose.isString()) {
            errors.add(new Problem.FieldError("/purpose", "purpose is the id of a purpose"));
        }
        if (channel != null && !channel.isString() && !channel.isNull()) {
            errors.add(new Problem.FieldError("/channel", "channel is the id of one of the purpose's channels"));
        }
        JsonNode actionNode = body.get("action");
        Action action = actionNode == null ? Action.OBJECT : action(actionNode);
        if (action == null) {
            errors.add(new Problem.FieldError("/action", "an action is \"grant\", \"deny\", \"withdraw\" or \"object\""));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        Topic topic;
        try {
            topic = channel == null || channel.isNull() ? Topic.purpose(purpose.stringValue())
                    : Topic.contact(purpose.stringValue(), channel.stringValue());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(List.of(new Problem.FieldError("/purpose", e.getMessage())));
        }
        record(request, context, Map.of(topic, action), Source.ACCOUNT_PAGE, null);
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    private void doNotSell(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        if (request.getContentLengthLong() > 0 || JsonIo.contentType(request) != null) {
            // An optional empty object; anything else is refused.
            if (!JsonIo.readJson(request).isEmpty()) {
                throw Problem.badRequest("do-not-sell takes no fields: send {} or no body");
            }
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (Purpose purpose : consents.policy().purposes()) {
            if (purpose.coveredByGpc() && purpose.basis().in(context.signals().jurisdiction()) != Basis.NECESSARY) {
                choices.put(Topic.purpose(purpose.id()), Action.OBJECT);
            }
        }
        if (choices.isEmpty()) {
            throw new Problem(404, "Nothing to opt out of", "this shop's policy declares no sale, sharing or targeted advertising");
        }
        record(request, context, choices, Source.DO_NOT_SELL_LINK, null);
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    /** Stores the choices as events, then refreshes the request's state and, for a visitor, the cookie. */
    private void record(HttpServletRequest request, ConsentContext context, Map<Topic, Action> choices, Source source,
            String language) {
        Policy policy = consents.policy();
        SubjectId subject = context.subjectForChoices();
        Evidence evidence = RequestEvidence.of(request, policy.version(), language);
        consents.record(new ChoiceRequest(subject, choices, source, Actor.SELF,
                context.signals().jurisdiction(), evidence, null));
        if (!subject.isVisitor()) {
            // The request's own signals (GPC) still apply to the new state.
            context.update(consents.state(subject, context.signals()), null);
            return;
        }
        // One read of the visitor's events gives both the new state (with the request's signals) and the cookie.
        ConsentHistory history = consents.history(subject, context.signals());
        context.update(history.state(), cookieFor(subject, history.events(), context));
    }

    /**
     * The visitor's cookie, from their stored events: every standing choice on a cookie category or
     * purpose the current policy still declares, whatever version it was made under, each with its
     * own version, time and actor. Channel choices stay with customers.
     */
    private ConsentCookie cookieFor(SubjectId visitor, List<ConsentEvent> events, ConsentContext context) {
        Policy policy = consents.policy();
        List<Choice> standing = new ArrayList<>();
        Instant newest = consents.clock().instant();
        for (Choice choice : StateFolder.latestChoices(events)) {
            Topic topic = choice.topic();
            boolean declared = switch (topic.kind()) {
                case CATEGORY -> policy.cookieCategory(topic.id()).isPresent();
                case PURPOSE -> policy.purpose(topic.id()).isPresent();
                case CONTACT -> false;
            };
            if (declared) {
                standing.add(choice);
                // The cookie's time is when it is issued, never before a choice it holds (clocks of nodes differ).
                newest = choice.at().isAfter(newest) ? choice.at() : newest;
            }
        }
        boolean linked = context.cookie().map(ConsentCookie::linkedToCustomer).orElse(false);
        return new ConsentCookie(visitor, newest, standing, linked);
    }

    private void unsubscribe(HttpServletRequest request, HttpServletResponse response, String token) throws IOException {
        noStore(response);
        response.setHeader("Referrer-Policy", "no-referrer");
        String language = Languages.choose(request, consents.policy());
        Policy policy = consents.policy();
        UnsubscribeTokens.Verified verified = tokens.verify(token);
        // GET shows the page, POST unsubscribes.
        requireMethod(request, "GET", "POST");
        boolean post = "POST".equals(request.getMethod());
        if (!verified.trusted() || consents.policy().purpose(verified.token().purpose())
                .filter(p -> p.channels().contains(verified.token().channel())).isEmpty()) {
            if (verified.rejection() != null) {
                LOG.info("refused an unsubscribe token: {}", verified.rejection());
            }
            if (post) {
                throw new Problem(404, "Unknown unsubscribe link", "this unsubscribe link is not valid or has expired");
            }
            page(request, response, 404, language, UiTexts.text(policy, language, "unsubscribe-invalid"), null, null);
            return;
        }
        UnsubscribeToken scope = verified.token();
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
            String message, String list, String confirmButton) throws IOException {
        StringBuilder content = new StringBuilder(400);
        if (list != null) {
            content.append("<p class=\"c4j-list-name\">").append(escapeHtml(list)).append("</p>");
        }
        if (message != null) {
            content.append("<p role=\"status\">").append(escapeHtml(message)).append("</p>");
        }
        if (confirmButton != null) {
            // Posts to this same address, as a mail client's one-click would; no script needed.
            content.append("<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                    .append("<button class=\"c4j-btn\" type=\"submit\">").append(escapeHtml(confirmButton))
                    .append("</button></form>");
        }
        publicPage(request, response, status, language, UiTexts.text(consents.policy(), language, "unsubscribe-title"),
                content.toString());
    }

    /**
     * A public page of the shop (unsubscribe, guardian consent): the shop's frame and theme, the
     * title, {@code content} (already escaped HTML) and the link back. It needs no script.
     */
    void publicPage(HttpServletRequest request, HttpServletResponse response, int status, String language, String title,
            String content) throws IOException {
        StringBuilder html = new StringBuilder(1200 + content.length());
        html.append(DisclosureRenderer.pageStart(language, title + " | " + shopName(language), stylesheets(request),
                shopName(language), home));
        html.append("<h1>").append(escapeHtml(title)).append("</h1>").append(content);
        html.append(DisclosureRenderer.pageEnd(home, UiTexts.text(consents.policy(), language, "back")));
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private String shopName(String language) {
        return consents.policy().operator().name().in(language, consents.policy().defaultLanguage());
    }

    /** The library's page stylesheet, from this servlet's own assets, then the shop's themes. */
    private List<String> stylesheets(HttpServletRequest request) {
        List<String> sheets = new ArrayList<>();
        sheets.add(request.getContextPath() + request.getServletPath() + "/assets/page.css");
        sheets.addAll(themes);
        return sheets;
    }

    private void disclosure(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Policy policy = consents.policy();
        String language = Languages.choose(request, policy);
        String format = request.getParameter("format");
        response.setHeader("Content-Language", language);
        if ("json".equals(format)) {
            response.setHeader("Cache-Control", "public, max-age=300");
            JsonIo.write(response, 200, Disclosure.json(policy, language));
            return;
        }
        if (format != null && !format.equals("html")) {
            throw Problem.badRequest("format is json or html");
        }
        boolean forOperator = operator.test(request);
        response.setHeader("Cache-Control", forOperator ? "no-store" : "public, max-age=300");
        String page = DisclosureRenderer.htmlPage(DisclosureDocument.of(policy, language),
                new DisclosureRenderer.Page(shopName(language), stylesheets(request), home,
                        UiTexts.text(policy, language, "back")));
        if (forOperator) {
            page = page.replace("</main>", Disclosure.undeclaredHostsHtml(cspReports.undeclaredHosts(), language) + "</main>");
        }
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void export(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentContext context = context(request);
        noStore(response);
        SubjectId subject = context.customer().orElse(context.cookie().map(ConsentCookie::visitor).orElse(null));
        ConsentHistory history = subject == null
                ? new ConsentHistory(null, List.of(), context.state(), null)
                : consents.history(subject, context.signals());
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-export.json\"");
        if (requests != null && subject != null) {
            JsonIo.write(response, 200, Views.export(requests.disclosure(subject, context.signals()), consents.settings()));
        } else {
            JsonIo.write(response, 200, Views.export(history, consents.settings()));
        }
    }

    /** {@code GET}: the signed-in customer's requests; {@code POST}: files one, verified by the login. */
    private void personalRequests(HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireMethod(request, "GET", "POST");
        ConsentContext context = context(request);
        noStore(response);
        if (!"POST".equals(request.getMethod())) {
            SubjectId customer = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                    "requests belong to a customer account; sign in first"));
            JsonIo.write(response, 200, Map.of("requests", requests.of(customer).stream().map(Views::request).toList()));
            return;
        }
        CrossSiteCheck.requireSameOrigin(request);
        JsonNode body = JsonIo.readJson(request);
        SubjectId customer = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                "a request is filed from a customer account, so that the shop knows who asks; sign in first,"
                        + " or contact the shop, which will verify who you are"));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("kind", "targets", "details").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field), "unknown field; expected kind, targets, details"));
            }
        }
        RequestKind kind = null;
        JsonNode kindNode = body.get("kind");
        if (kindNode != null && kindNode.isString()) {
            for (RequestKind candidate : RequestKind.values()) {
                if (candidate.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(kindNode.stringValue())) {
                    kind = candidate;
                }
            }
        }
        if (kind == null) {
            errors.add(new Problem.FieldError("/kind", "kind is one of purpose-notice, disclosure, correction, stop-use,"
                    + " erasure, stop-provision, provision-records"));
        }
        List<String> targets = new ArrayList<>();
        JsonNode targetsNode = body.get("targets");
        if (targetsNode != null) {
            if (!targetsNode.isArray()) {
                errors.add(new Problem.FieldError("/targets", "targets is an array of purpose or recipient ids"));
            } else {
                for (int i = 0; i < targetsNode.size(); i++) {
                    JsonNode target = targetsNode.get(i);
                    if (target.isString()) {
                        targets.add(target.stringValue());
                    } else {
                        errors.add(new Problem.FieldError("/targets/" + i, "a target is a string"));
                    }
                }
            }
        }
        JsonNode detailsNode = body.get("details");
        if (detailsNode != null && !detailsNode.isNull() && (!detailsNode.isString() || detailsNode.stringValue().length() > 2000)) {
            errors.add(new Problem.FieldError("/details", "details is a text of at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        PersonalRequest filed;
        try {
            filed = requests.fileSignedIn(customer, kind, targets,
                    detailsNode == null || detailsNode.isNull() ? null : detailsNode.stringValue(),
                    context.signals().jurisdiction());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(List.of(new Problem.FieldError("/targets", e.getMessage())));
        }
        JsonIo.write(response, 202, Views.request(filed));
    }

    /**
     * For the shop's operators: {@code GET} lists open (or {@code ?filter=overdue}) requests;
     * {@code POST /{id}} with {@code {"action": "verify" | "complete" | "refuse", ...}} moves one along.
     */
    private void operatorRequests(HttpServletRequest request, HttpServletResponse response, String rest)
            throws IOException {
        if (!operator.test(request) || request.getUserPrincipal() == null) {
            throw new Problem(403, "Forbidden", "only the shop's operators may handle requests");
        }
        String operatorId = request.getUserPrincipal().getName();
        noStore(response);
        if (rest.isEmpty() || rest.equals("/")) {
            requireMethod(request, "GET");
            String filter = request.getParameter("filter");
            List<PersonalRequest> list;
            if (filter == null || filter.equals("open")) {
                list = requests.open();
            } else if (filter.equals("overdue")) {
                list = requests.overdue();
            } else {
                throw Problem.badRequest("filter is \"open\" or \"overdue\"");
            }
            JsonIo.write(response, 200, Map.of("requests", list.stream().map(Views::request).toList()));
            return;
        }
        requireMethod(request, "POST");
        CrossSiteCheck.requireSameOrigin(request);
        UUID id;
        try {
            id = UUID.fromString(rest.substring(1));
        } catch (IllegalArgumentException e) {
            throw new Problem(404, "Not found", "no request with this id");
        }
        JsonNode body = JsonIo.readJson(request);
        JsonNode action = body.get("action");
        String text = body.has("method") ? body.get("method").asString("") : body.has("reason") ? body.get("reason").asString("") : "";
        if (requests.find(id).isEmpty()) {
            throw new Problem(404, "Not found", "no request with this id");
        }
        PersonalRequest moved;
        try {
            moved = switch (action == null || !action.isString() ? "" : action.stringValue()) {
                case "verify" -> requests.verify(id, Verification.byOperator(require(text, "/method"), operatorId));
                case "complete" -> requests.complete(id, operatorId);
                case "refuse" -> requests.refuse(id, operatorId, require(text, "/reason"));
                default -> throw Problem.invalid(List.of(new Problem.FieldError("/action",
                        "action is \"verify\" (with method), \"complete\" or \"refuse\" (with reason)")));
            };
        } catch (IllegalStateException e) {
            throw new Problem(409, "Conflict", e.getMessage());
        }
        JsonIo.write(response, 200, Views.request(moved));
    }

    private static String require(String text, String pointer) {
        if (text.isBlank()) {
            throw Problem.invalid(List.of(new Problem.FieldError(pointer, "required, as text")));
        }
        return text;
    }

    private void cspReport(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Reports are collected only where the filter sends a CSP: otherwise no browser sends them
        // and anything posted here is noise someone made up.
        ConsentContext context = ConsentContext.find(request).orElse(null);
        if (context == null || context.cspMode() == CspMode.OFF) {
            throw new Problem(404, "Not found", "this shop sends no Content-Security-Policy, so it takes no reports");
        }
        String type = JsonIo.contentType(request) == null ? "" : JsonIo.contentType(request).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/csp-report") && !type.startsWith("application/reports+json")
                && !type.startsWith("application/json")) {
            throw new Problem(415, "Unsupported media type", "send application/csp-report or application/reports+json");
        }
        byte[] body = JsonIo.readBody(request);
        JsonNode report;
        try {
            report = tools.jackson.databind.json.JsonMapper.shared().readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw Problem.badRequest("malformed report");
        }
        if (report != null) {
            // Limited per client network: IPv4 /24, IPv6 /48, never the full address.
            cspReports.accept(report, dev.consent4j.event.Evidence.truncateIp(request.getRemoteAddr()));
        }
        response.setStatus(204);
    }

    private void gpcJson(HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "public, max-age=86400");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gpc", true);
        body.put("lastUpdate", gpcLastUpdate.toString());
        JsonIo.write(response, 200, body);
    }

    private void asset(HttpServletResponse response, String name) throws IOException {
        if (!name.equals("consent.js") && !name.equals("consent.css") && !name.equals("page.css")) {
            throw new Problem(404, "Not found", "the assets are consent.js, consent.css and page.css");
        }
        try (InputStream in = ConsentEndpoints.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                throw new Problem(404, "Not found", "asset missing from the jar: " + name);
            }
            byte[] bytes = in.readAllBytes();
            response.setContentType(name.endsWith(".js") ? "text/javascript" : "text/css");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "public, max-age=3600");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private static ConsentContext context(HttpServletRequest request) {
        return ConsentContext.find(request).orElseThrow(() -> new IllegalStateException(
                "the consent endpoints need the ConsentFilter in front of them; map it to /* (REQUEST, ERROR, ASYNC)"));
    }

    /** 405 with an {@code Allow} header unless the request's method is one of {@code allowed}; HEAD goes with GET. */
    private static void requireMethod(HttpServletRequest request, String... allowed) {
        List<String> methods = new ArrayList<>(allowed.length + 1);
        for (String method : allowed) {
            methods.add(method);
            if (method.equals("GET")) {
                methods.add("HEAD");
            }
        }
        if (!methods.contains(request.getMethod())) {
            throw Problem.methodNotAllowed(methods);
        }
    }

    static Action action(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        return switch (node.stringValue()) {
            case "grant" -> Action.GRANT;
            case "deny" -> Action.DENY;
            case "withdraw" -> Action.WITHDRAW;
            case "object" -> Action.OBJECT;
            default -> null;
        };
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    /** A JSON Pointer reference token (RFC 6901). */
    static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** For element content and quoted attribute values. */
    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds {@link ConsentEndpoints}; only the manager and the token verifier are required. */
    public static final class Builder {
        private final ConsentManager consents;
        private final UnsubscribeTokens tokens;
        private Predicate<HttpServletRequest> operator = request -> request.isUserInRole("CONSENT_OPERATOR");
        private LocalDate gpcLastUpdate;
        private PersonalRequests requests;
        private EnforcementListener listener = EnforcementListener.NONE;
        private String home = "/";
        private List<String> themes = List.of();
        private GuardianConsentTokens guardianTokens;
        private boolean sessionGuardianConsent;

        private Builder(ConsentManager consents, UnsubscribeTokens tokens) {
            this.consents = Objects.requireNonNull(consents, "consents");
            this.tokens = Objects.requireNonNull(tokens, "tokens");
        }

        /** Who may see operator-only details (undeclared hosts); users in role {@code CONSENT_OPERATOR} by default. */
        public Builder operator(Predicate<HttpServletRequest> operator) {
            this.operator = Objects.requireNonNull(operator, "operator");
            return this;
        }

        /** The {@code lastUpdate} of {@code /.well-known/gpc.json}; the policy's effective date by default. */
        public Builder gpcLastUpdate(LocalDate date) {
            this.gpcLastUpdate = date;
            return this;
        }

        /**
         * Serves {@code {base}/requests} (customers file and follow personal requests) and
         * {@code {base}/operator/requests} (operators move them along), and adds the ledger and
         * requests to the export. Off unless given.
         */
        public Builder requests(PersonalRequests requests) {
            this.requests = requests;
            return this;
        }

        /**
         * Told about each banner outcome a choices request reports, e.g. for metrics (the filter's
         * listener, usually); its failures are logged, never passed on to the request.
         */
        public Builder listener(EnforcementListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Where the public pages (the disclosure, one-click unsubscribe) link back to: the shop's
         * home page, {@code /} by default; {@code null} for no link.
         */
        public Builder home(String home) {
            this.home = home;
            return this;
        }

        /**
         * Serves guardian-consent links ({@code GET} and {@code POST {base}/guardian-consent?token=});
         * the same instance (or keys) the shop's {@link dev.consent4j.guardian.GuardianLinks} issue
         * with. Off unless given: such links then answer 404.
         */
        public Builder guardianTokens(GuardianConsentTokens guardianTokens) {
            this.guardianTokens = guardianTokens;
            return this;
        }

        /**
         * Stylesheets the public pages load after the library's own ({@code {base}/assets/page.css}),
         * e.g. one that sets the banner's custom properties to the shop's colours (docs/banner.md).
         */
        public Builder themes(List<String> stylesheets) {
            this.themes = List.copyOf(stylesheets);
            return this;
        }

        /**
         * Also records a guardian's consent posted from the minor's own signed-in session
         * ({@code POST {base}/guardian-consent} with JSON choices and no token). Off by default:
         * the library cannot tell whether a guardian was at the screen, so a minor could grant
         * the consent themselves. Turn it on only where the shop's own screen has the guardian
         * present and checked (a sign-up in a shop, an identity check); otherwise send a link.
         */
        public Builder sessionGuardianConsent(boolean allowed) {
            this.sessionGuardianConsent = allowed;
            return this;
        }

        public ConsentEndpoints build() {
            return new ConsentEndpoints(this);
        }
    }
}
