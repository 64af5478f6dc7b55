package dev.consent4j.servlet;

import static dev.consent4j.servlet.EndpointHelpers.context;
import static dev.consent4j.servlet.EndpointHelpers.pointer;
import static dev.consent4j.servlet.EndpointHelpers.requireMethod;

import dev.consent4j.ConsentManager;
import dev.consent4j.InvalidChoiceException;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.StoreUnavailableException;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** The {@code Retry-After} of a 503 answered while the store is unavailable. */
    static final long RETRY_AFTER_SECONDS = 10;

    private final transient ConsentManager consents;
    private final transient CspReports cspReports;
    private final transient @Nullable PersonalRequests requests;
    private final transient RateLimitedLog storeWarnings;
    private final transient ChoicesEndpoint choices;
    private final transient PolicyEndpoint policy;
    private final transient UnsubscribeEndpoint unsubscribe;
    private final transient @Nullable PersonalRequestsEndpoint personalRequests;
    private final transient StaticResources resources;
    private final transient GuardianConsentEndpoint guardianConsent;

    private ConsentEndpoints(Builder builder) {
        this.consents = builder.consents;
        this.cspReports = new CspReports(consents.policy(), consents.clock(), 500, 50, 10);
        this.requests = builder.requests;
        this.storeWarnings = new RateLimitedLog(LOG, consents.clock(), ConsentFilter.STORE_WARNING_INTERVAL);
        EnforcementListener listener = GuardedListener.guard(builder.listener, consents.clock());
        PublicPages pages = new PublicPages(consents, builder.home, builder.themes);
        // One decision function for every endpoint, under the manager's policy and settings.
        StateFolder folder = new StateFolder(consents.policy(), consents.settings());
        this.choices = new ChoicesEndpoint(consents, folder, listener, requests);
        this.policy = new PolicyEndpoint(consents, folder, cspReports, builder.operator, pages);
        this.unsubscribe = new UnsubscribeEndpoint(consents, builder.tokens, pages);
        this.personalRequests = requests == null ? null : new PersonalRequestsEndpoint(requests, builder.operator);
        this.resources = new StaticResources(builder.gpcLastUpdate != null ? builder.gpcLastUpdate
                : consents.policy().effectiveDate());
        this.guardianConsent = new GuardianConsentEndpoint(consents, folder, builder.guardianTokens, builder.sessionGuardianConsent,
                pages);
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
                        e.topic() == null ? "" : "/choices/" + pointer(e.topic().toString()),
                        Objects.requireNonNullElse(e.getMessage(), "not a valid choice")))));
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
            resources.gpcJson(response);
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.startsWith("/unsubscribe/")) {
            unsubscribe.unsubscribe(request, response, path.substring("/unsubscribe/".length()));
            return;
        }
        if (path.equals("/requests") || path.startsWith("/operator/requests")) {
            if (personalRequests == null) {
                throw new Problem(404, "Not found", "personal requests are not set up on this shop");
            }
            if (path.equals("/requests")) {
                personalRequests.personalRequests(request, response);
            } else {
                personalRequests.operatorRequests(request, response, path.substring("/operator/requests".length()));
            }
            return;
        }
        if (path.startsWith("/assets/")) {
            requireMethod(request, "GET");
            resources.asset(response, path.substring("/assets/".length()));
            return;
        }
        switch (path) {
            case "/policy" -> {
                requireMethod(request, "GET");
                policy.policy(request, response);
            }
            case "/state" -> {
                requireMethod(request, "GET");
                choices.state(request, response);
            }
            case "/choices" -> {
                requireMethod(request, "POST");
                choices.choices(request, response);
            }
            case "/opt-out" -> {
                requireMethod(request, "POST");
                choices.optOut(request, response);
            }
            case "/do-not-sell" -> {
                requireMethod(request, "POST");
                choices.doNotSell(request, response);
            }
            case "/guardian-consent" -> guardianConsent.handle(request, response, context(request));
            case "/disclosure" -> {
                requireMethod(request, "GET");
                policy.disclosure(request, response);
            }
            case "/export" -> {
                requireMethod(request, "GET");
                choices.export(request, response);
            }
            case "/csp-report" -> {
                requireMethod(request, "POST");
                cspReports.handle(request, response);
            }
            default -> throw new Problem(404, "Not found", "no consent endpoint at this path");
        }
    }

    /** How many {@code /policy} bodies are cached, for tests. */
    int cachedPolicyBodies() {
        return policy.cachedPolicyBodies();
    }

    /** Builds {@link ConsentEndpoints}; only the manager and the token verifier are required. */
    public static final class Builder {
        private final ConsentManager consents;
        private final UnsubscribeTokens tokens;
        private Predicate<HttpServletRequest> operator = request -> request.isUserInRole("CONSENT_OPERATOR");
        private @Nullable LocalDate gpcLastUpdate;
        private @Nullable PersonalRequests requests;
        private EnforcementListener listener = EnforcementListener.NONE;
        private @Nullable String home = "/";
        private List<String> themes = List.of();
        private @Nullable GuardianConsentTokens guardianTokens;
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
        public Builder gpcLastUpdate(@Nullable LocalDate date) {
            this.gpcLastUpdate = date;
            return this;
        }

        /**
         * Serves {@code {base}/requests} (customers file and follow personal requests) and
         * {@code {base}/operator/requests} (operators move them along), and adds the ledger and
         * requests to the export. Off unless given.
         */
        public Builder requests(@Nullable PersonalRequests requests) {
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
        public Builder home(@Nullable String home) {
            this.home = home;
            return this;
        }

        /**
         * Serves guardian-consent links ({@code GET} and {@code POST {base}/guardian-consent?token=});
         * the same instance (or keys) the shop's {@link dev.consent4j.guardian.GuardianLinks} issue
         * with. Off unless given: such links then answer 404.
         */
        public Builder guardianTokens(@Nullable GuardianConsentTokens guardianTokens) {
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
