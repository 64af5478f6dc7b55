package dev.consent4j.servlet;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.ConsentState;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces shoppers' choices on every request. Map it to {@code /*} for the
 * {@code REQUEST}, {@code ERROR} and {@code ASYNC} dispatcher types, after any authentication
 * filter (so the principal is known).
 *
 * <p>On each request it reads and verifies the consent cookie (a logged-in customer's stored
 * state wins over it), the jurisdiction and {@code Sec-GPC}; exposes the resulting
 * {@link ConsentState} through {@link ConsentContext}; and wraps the response so that, before it
 * is committed, cookies of categories not allowed are dropped, refused cookies the browser still
 * sends are expired with every declared domain and path, and the Content-Security-Policy (when
 * enabled) opens only the consented trackers' hosts.
 *
 * <pre>{@code
 * ConsentFilter filter = ConsentFilter.builder(consents, SigningKeys.of(key))
 *         .jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
 *         .build();
 * }</pre>
 *
 * <p>Responses whose headers depend on consent get {@code Vary: Cookie, Sec-GPC}, so shared
 * caches keep one copy per consent state rather than serving one shopper's headers to another.
 */
public final class ConsentFilter implements Filter {

    /**
     * The order to register the filter with where a framework orders filters: after Spring
     * Security's filter chain ({@code -100}) so the principal is known, before the application.
     */
    public static final int DEFAULT_ORDER = -90;

    /**
     * The most expiry {@code Set-Cookie} headers one response carries by default. Containers refuse
     * a response whose headers outgrow their buffer (Tomcat's {@code maxHttpHeaderSize} and Jetty's
     * {@code responseHeaderSize} are both 8 KB by default) and answer 500 instead, on every page, for
     * as long as the browser keeps sending the cookies. Each refused cookie costs one expiry per
     * declared domain plus a host-only one, so a browser holding dozens of {@code _ga_*} cookies
     * would need hundreds. 32 headers (16 cookies with one declared domain) clear a typical
     * browser's refused cookies in a request or two, and stay small next to the limits.
     */
    public static final int DEFAULT_MAX_EXPIRY_HEADERS = 32;

    /**
     * The most bytes the expiry headers of one response take by default, counted as sent
     * ({@code Set-Cookie: value\r\n}): half of the 8 KB Tomcat and Jetty allow by default, leaving
     * the other half to the status line, the application's own headers and cookies (never dropped to
     * make room), CSP and the consent cookie.
     */
    public static final int DEFAULT_MAX_EXPIRY_BYTES = 4096;

    /**
     * How long a request waits for a signed-in customer's stored state by default before it gets
     * the fail-closed state (see {@link Builder#storeTimeout}). A cached state answers in
     * microseconds and a healthy database in milliseconds; a second is far beyond either and still
     * short for a page.
     */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(1);

    /** At most one warning about an unavailable store per this interval, with the count of those left out. */
    static final Duration STORE_WARNING_INTERVAL = Duration.ofSeconds(10);

    /** Workers for store lookups, and how many lookups may wait for one; see {@link StoreLookups}. */
    private static final int LOOKUP_THREADS = 16;
    private static final int LOOKUP_QUEUE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    private final ConsentManager consents;
    private final ConsentCookies cookies;
    private final RequestResolver requests;
    private final UndeclaredCookieMode undeclaredMode;
    private final ContentSecurityPolicies csp;
    private final boolean enabled;
    private final RateLimitedLog rejections;
    private final NameReport undeclared;
    private final EnforcementListener listener;
    private final int maxExpiryHeaders;
    private final int maxExpiryBytes;
    private final Duration storeTimeout;

    private ConsentFilter(Builder builder) {
        this.consents = builder.consents;
        this.undeclaredMode = builder.undeclaredMode;
        this.csp = new ContentSecurityPolicies(consents.policy(), builder.cspMode, builder.cspBase, builder.cspReportPath);
        this.enabled = builder.enabled;
        this.rejections = new RateLimitedLog(LOG, consents.clock(), Duration.ofMinutes(1));
        this.cookies = new ConsentCookies(consents, builder.keys, builder.cookieSettings, rejections);
        this.undeclared = new NameReport(LOG, 1000);
        this.listener = GuardedListener.guard(builder.listener, consents.clock());
        this.maxExpiryHeaders = builder.maxExpiryHeaders;
        this.maxExpiryBytes = builder.maxExpiryBytes;
        this.storeTimeout = builder.storeTimeout;
        this.requests = new RequestResolver(consents, cookies, builder.subjects, builder.ages, builder.jurisdictions,
                listener, new StoreLookups(LOOKUP_THREADS, LOOKUP_QUEUE, builder.storeTimeout), builder.storeTimeout,
                new RateLimitedLog(LOG, consents.clock(), STORE_WARNING_INTERVAL), rejections);
    }

    public static Builder builder(ConsentManager consents, SigningKeys keys) {
        return new Builder(consents, keys);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!enabled || !(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || isWrapped(res)) {
            chain.doFilter(req, res);
            return;
        }
        // A later dispatch of the same request (ERROR, ASYNC) reuses the context and wraps its response.
        ConsentContext context = ConsentContext.find(request).orElse(null);
        if (context == null) {
            context = requests.resolve(request);
            context.cspMode(csp.mode());
            request.setAttribute(ConsentContext.ATTRIBUTE, context);
        }
        ConsentResponse wrapped = new ConsentResponse(request, response, context, this);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            // For an async request the body is written later: fix the headers now; cookies added
            // later through the wrapper are still judged one by one.
            wrapped.finish();
        }
    }

    /** Stops the store lookup workers; the container calls it when the filter is taken out of service. */
    @Override
    public void destroy() {
        requests.shutdown();
    }

    private static boolean isWrapped(ServletResponse response) {
        ServletResponse current = response;
        while (current instanceof ServletResponseWrapper wrapper) {
            if (current instanceof ConsentResponse) {
                return true;
            }
            current = wrapper.getResponse();
        }
        return false;
    }

    /** Whether an undeclared cookie may be set; reports its name once. */
    boolean undeclaredCookie(String name) {
        listener.undeclaredCookie(name, undeclaredMode == UndeclaredCookieMode.BLOCK);
        if (undeclaredMode == UndeclaredCookieMode.ALLOW) {
            return true;
        }
        undeclared.report(name, undeclaredMode == UndeclaredCookieMode.BLOCK
                ? "dropped Set-Cookie for '{}': no cookie category of the policy declares it"
                : "Set-Cookie for '{}', which no cookie category of the policy declares; declare it");
        return undeclaredMode == UndeclaredCookieMode.REPORT;
    }

    /** Reports, at most once a minute, that a response could not expire every refused cookie sent. */
    void expiriesDeferred(int deferred) {
        listener.expiriesDeferred(deferred);
        rejections.warn("expiry-cap", "{} refused cookies sent did not fit in one response's expiry limits; "
                + "they are expired on the next requests (each response expires the next batch)", deferred);
    }

    int maxExpiryHeaders() {
        return maxExpiryHeaders;
    }

    int maxExpiryBytes() {
        return maxExpiryBytes;
    }

    /** The names of undeclared cookies seen so far (at most 1000), for reports and metrics. */
    public Set<String> undeclaredCookies() {
        return undeclared.names();
    }

    public ConsentManager consents() {
        return consents;
    }

    /** How long a request waits for a signed-in customer's stored state; see {@link Builder#storeTimeout}. */
    public Duration storeTimeout() {
        return storeTimeout;
    }

    public ConsentCookieCodec codec() {
        return cookies.codec();
    }

    public ConsentCookieSettings cookieSettings() {
        return cookies.settings();
    }

    ConsentCookies cookies() {
        return cookies;
    }

    EnforcementListener listener() {
        return listener;
    }

    ContentSecurityPolicies csp() {
        return csp;
    }

    /** Builds a {@link ConsentFilter}; only the manager and the signing keys are required. */
    public static final class Builder {
        private final ConsentManager consents;
        private final SigningKeys keys;
        private ConsentCookieSettings cookieSettings = ConsentCookieSettings.defaults();
        private SubjectResolver subjects = SubjectResolver.PRINCIPAL;
        private CustomerAgeResolver ages = CustomerAgeResolver.NONE;
        private JurisdictionResolver jurisdictions;
        private UndeclaredCookieMode undeclaredMode = UndeclaredCookieMode.REPORT;
        private CspMode cspMode = CspMode.OFF;
        private String cspBase = "";
        private @Nullable String cspReportPath;
        private boolean enabled = true;
        private EnforcementListener listener = EnforcementListener.NONE;
        private int maxExpiryHeaders = DEFAULT_MAX_EXPIRY_HEADERS;
        private int maxExpiryBytes = DEFAULT_MAX_EXPIRY_BYTES;
        private Duration storeTimeout = DEFAULT_STORE_TIMEOUT;

        private Builder(ConsentManager consents, SigningKeys keys) {
            this.consents = Objects.requireNonNull(consents, "consents");
            this.keys = Objects.requireNonNull(keys, "keys");
            this.jurisdictions = JurisdictionResolver.fixed(consents.settings().defaultJurisdiction());
        }

        public Builder cookie(ConsentCookieSettings settings) {
            this.cookieSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The signed-in customer's age, for the policy's minors rules; {@link CustomerAgeResolver#NONE} by default. */
        public Builder ages(CustomerAgeResolver resolver) {
            this.ages = java.util.Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Who the logged-in customer is; {@link SubjectResolver#PRINCIPAL} by default. */
        public Builder subjects(SubjectResolver resolver) {
            this.subjects = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Where the shopper is; the settings' default jurisdiction unless given. */
        public Builder jurisdictions(JurisdictionResolver resolver) {
            this.jurisdictions = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Builder undeclaredCookies(UndeclaredCookieMode mode) {
            this.undeclaredMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sends a Content-Security-Policy built from {@code basePolicy} plus the consented trackers' hosts.
         *
         * @throws IllegalArgumentException at {@link #build()} in {@link CspMode#ENFORCE} when the base has
         *         {@code 'strict-dynamic'}
         */
        public Builder contentSecurityPolicy(CspMode mode, String basePolicy) {
            this.cspMode = Objects.requireNonNull(mode, "mode");
            this.cspBase = Objects.requireNonNull(basePolicy, "basePolicy");
            return this;
        }

        /** Where browsers report CSP violations, e.g. {@code /consent/csp-report}; none by default. */
        public Builder cspReportPath(@Nullable String path) {
            this.cspReportPath = path;
            return this;
        }

        /** When false the filter passes every request through untouched. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Told about every dropped, undeclared or expired cookie and every GPC signal honoured, e.g.
         * for metrics; its failures are logged, never passed on to the request.
         */
        public Builder listener(EnforcementListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How many expiry {@code Set-Cookie} headers, and how many bytes of them, one response may
         * carry at most; {@link #DEFAULT_MAX_EXPIRY_HEADERS} and {@link #DEFAULT_MAX_EXPIRY_BYTES}
         * by default. Refused cookies beyond them are expired on later requests. Raise them only
         * with the container's response header limit.
         *
         * @throws IllegalArgumentException when either is below 1
         */
        public Builder expiryLimits(int maxHeaders, int maxBytes) {
            if (maxHeaders < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("expiry limits must be positive: " + maxHeaders + " headers, "
                        + maxBytes + " bytes");
            }
            this.maxExpiryHeaders = maxHeaders;
            this.maxExpiryBytes = maxBytes;
            return this;
        }

        /**
         * How long a request waits for a signed-in customer's stored state (and for linking a
         * visitor's choices at sign-in, and recording a GPC signal), {@link #DEFAULT_STORE_TIMEOUT}
         * by default. Beyond it, or when the store fails, the request goes on with the fail-closed
         * state: only the choices its consent cookie records count, and every other topic that is
         * not necessary is refused ({@link dev.consent4j.state.Reason#STORE_UNAVAILABLE}), and
         * {@link ConsentContext#storeUnavailable()} is true. The wait holds whatever the
         * {@code DataSource} does: the lookup runs on a worker of the filter's own and the request
         * stops waiting for it.
         *
         * @throws IllegalArgumentException when not positive, or longer than a minute
         */
        public Builder storeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("storeTimeout must be positive and at most a minute, but was " + timeout);
            }
            this.storeTimeout = timeout;
            return this;
        }

        public ConsentFilter build() {
            return new ConsentFilter(this);
        }
    }

    /** Whether the filter sends a Content-Security-Policy that opens only the consented trackers' hosts. */
    public enum CspMode {
        /** No header (the default). */
        OFF,
        /** {@code Content-Security-Policy-Report-Only}: violations are reported, nothing is blocked. */
        REPORT_ONLY,
        /** {@code Content-Security-Policy}: the browser blocks requests to hosts not consented to. */
        ENFORCE
    }

    /** What the filter does with a {@code Set-Cookie} for a cookie no category of the policy declares. */
    public enum UndeclaredCookieMode {
        /** Let it through silently. */
        ALLOW,
        /** Let it through and report the name once (the default): the policy is missing a declaration. */
        REPORT,
        /** Drop it, and report the name once. */
        BLOCK
    }
}
