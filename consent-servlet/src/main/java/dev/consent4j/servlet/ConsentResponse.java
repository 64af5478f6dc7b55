package dev.consent4j.servlet;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Enforces a request's consent on its response: a {@code Set-Cookie} for a category not allowed
 * is dropped when it is added and again before commit (which also catches cookies the container
 * adds past the wrapper, such as its session cookie); refused cookies the browser sent are
 * expired; the consent cookie is issued; the CSP header is set.
 */
final class ConsentResponse extends OnCommitResponseWrapper {

    private static final String SET_COOKIE = "Set-Cookie";

    private final HttpServletRequest request;
    private final ConsentContext context;
    private final ConsentFilter filter;
    private boolean varies;
    /** The expiry headers this response carries so far, and their bytes, across rewrites. */
    private int expiryHeaders;
    private int expiryBytes;

    ConsentResponse(HttpServletRequest request, HttpServletResponse response, ConsentContext context, ConsentFilter filter) {
        super(response);
        this.request = request;
        this.context = context;
        this.filter = filter;
        context.attach(this);
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (allowed(cookie.getName())) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!SET_COOKIE.equalsIgnoreCase(name) || allowed(SetCookieHeaders.name(value))) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (SET_COOKIE.equalsIgnoreCase(name) && value != null && !allowed(SetCookieHeaders.name(value))) {
            // setHeader replaces every earlier Set-Cookie with this one, which is not allowed.
            super.setHeader(name, null);
            return;
        }
        super.setHeader(name, value);
    }

    /** Called when choices made in this request changed the state. */
    void stateChanged() {
        if (hookRan() && !isCommitted()) {
            rewriteCookies();
        }
    }

    @Override
    protected void beforeCommit() {
        rewriteCookies();
        ConsentState state = context.enforced();
        String cspHeader = filter.csp().headerName();
        if (cspHeader != null) {
            setHeader(cspHeader, filter.csp().headerValue(state));
            String endpoints = filter.csp().reportingEndpoints();
            if (endpoints != null) {
                setHeader("Reporting-Endpoints", endpoints);
            }
            varies = true;
        }
        if (varies) {
            addVary();
        }
    }

    private void rewriteCookies() {
        HttpServletResponse raw = (HttpServletResponse) getResponse();
        Collection<String> existing = raw.getHeaders(SET_COOKIE);
        List<String> kept = new ArrayList<>(existing.size() + 2);
        Set<String> setNames = new HashSet<>();
        boolean changed = false;
        String consentCookieName = filter.cookies().name(context.secureRequest());
        ConsentCookie issue = context.cookieToIssue();
        for (String header : existing) {
            String name = SetCookieHeaders.name(header);
            if (issue != null && consentCookieName.equals(name)) {
                changed = true; // replaced below
            } else if (allowed(name) || SetCookieHeaders.isExpiry(header)) {
                kept.add(header);
                setNames.add(name);
            } else {
                changed = true;
            }
        }
        if (issue != null) {
            kept.add(filter.cookies().issue(issue, context.secureRequest()));
            changed = true;
        }
        if (expireRefusedCookies(kept, setNames)) {
            changed = true;
        }
        if (changed) {
            varies = true;
            raw.setHeader(SET_COOKIE, null);
            for (String header : kept) {
                raw.addHeader(SET_COOKIE, header);
            }
        }
    }

    /**
     * Adds expiries for the refused cookies the browser sent, within the filter's limits on the
     * number and bytes of expiry headers per response (the application's own headers are not
     * counted and never dropped). Cookies the policy declares by exact name go first, then glob
     * matches, each in name order; the rest wait for the next request, which no longer carries the
     * ones expired here. Answers whether any was added.
     */
    private boolean expireRefusedCookies(List<String> kept, Set<String> setNames) {
        List<Expiry> candidates = new ArrayList<>();
        for (String name : refusedCookiesSent()) {
            if (setNames.contains(name)) {
                continue;
            }
            CookieDeclaration declaration = context.enforced().policy().declarationOfCookieOrNull(name);
            if (declaration == null || declaration.setBy() == CookieDeclaration.SetBy.THIRD_PARTY_DOMAIN) {
                continue;
            }
            candidates.add(new Expiry(name, declaration));
        }
        candidates.sort(EXPIRY_ORDER);
        boolean added = false;
        int deferred = 0;
        for (Expiry candidate : candidates) {
            if (deferred > 0) {
                deferred++; // keep the order: nothing after a cookie that did not fit goes first
                continue;
            }
            List<String> variants = candidate.headers();
            int bytes = bytes(variants);
            if (expiryHeaders + variants.size() > filter.maxExpiryHeaders() || expiryBytes + bytes > filter.maxExpiryBytes()) {
                if (expiryHeaders > 0) {
                    deferred++;
                    continue;
                }
                // Too large for the limits on its own (many declared domains): send the variants
                // that fit, host-only first, so that every response still makes progress.
                variants = fitting(variants);
                bytes = bytes(variants);
                if (variants.isEmpty()) {
                    deferred++;
                    continue;
                }
            }
            CookieCategory category = Objects.requireNonNull(context.enforced().policy().categoryOfCookieOrNull(candidate.name()),
                    "only cookies of a declared category are expired");
            filter.listener().cookieExpired(candidate.name(), category.id());
            kept.addAll(variants);
            expiryHeaders += variants.size();
            expiryBytes += bytes;
            setNames.add(candidate.name());
            added = true;
        }
        if (deferred > 0) {
            filter.expiriesDeferred(deferred);
        }
        return added;
    }

    private List<String> fitting(List<String> variants) {
        List<String> fit = new ArrayList<>();
        int headers = expiryHeaders;
        int bytes = expiryBytes;
        for (String variant : variants) {
            int size = bytes(variant);
            if (headers + 1 > filter.maxExpiryHeaders() || bytes + size > filter.maxExpiryBytes()) {
                break;
            }
            fit.add(variant);
            headers++;
            bytes += size;
        }
        return fit;
    }

    /** The bytes a {@code Set-Cookie} header takes on the wire, counted as UTF-8 (an upper bound). */
    private static int bytes(String header) {
        return SET_COOKIE.length() + 2 + header.getBytes(StandardCharsets.UTF_8).length + 2;
    }

    private static int bytes(List<String> headers) {
        int total = 0;
        for (String header : headers) {
            total += bytes(header);
        }
        return total;
    }

    /** Cookies declared by exact name first, then glob matches, each in name order. */
    private static final Comparator<Expiry> EXPIRY_ORDER = Comparator.comparing((Expiry e) -> e.declaration().isPattern())
            .thenComparing(Expiry::name);

    /** A refused cookie to expire, with the declaration that says where it may have been set. */
    private record Expiry(String name, CookieDeclaration declaration) {
        /** The request does not say which domain and path the cookie was set on: every variant. */
        List<String> headers() {
            List<String> headers = new ArrayList<>(declaration.domains().size() + 1);
            headers.add(SetCookieHeaders.expire(name, null, declaration.path()));
            for (String domain : declaration.domains()) {
                headers.add(SetCookieHeaders.expire(name, domain, declaration.path()));
            }
            return headers;
        }
    }

    /** The names of the cookies the browser sent whose category is refused, each once, in the order sent. */
    private List<String> refusedCookiesSent() {
        ConsentState state = context.enforced();
        if (!anyCategoryRefused(state) || request.getHeader("Cookie") == null) {
            return List.of();
        }
        List<String> refused = new ArrayList<>();
        for (String name : RequestHeaders.cookieNames(request)) {
            CookieCategory category = state.policy().categoryOfCookieOrNull(name);
            if (category != null && !state.categoryAllowed(category.id()) && !refused.contains(name)) {
                refused.add(name);
            }
        }
        return refused;
    }

    private static boolean anyCategoryRefused(ConsentState state) {
        for (CookieCategory category : state.policy().cookieCategories()) {
            if (!state.categoryAllowed(category.id())) {
                return true;
            }
        }
        return false;
    }

    private boolean allowed(@Nullable String cookieName) {
        if (cookieName == null) {
            return true; // not a cookie this filter can judge; the browser ignores it anyway
        }
        if (cookieName.equals(filter.cookies().name(context.secureRequest()))) {
            return true;
        }
        ConsentState state = context.enforced();
        CookieCategory category = state.policy().categoryOfCookieOrNull(cookieName);
        if (category == null) {
            return filter.undeclaredCookie(cookieName);
        }
        Decision decision = state.category(category.id());
        if (!decision.allowed()) {
            varies = true;
            filter.listener().cookieDropped(cookieName, category.id(), decision.reason());
        }
        return decision.allowed();
    }

    private void addVary() {
        HttpServletResponse raw = (HttpServletResponse) getResponse();
        Collection<String> vary = raw.getHeaders("Vary");
        if (vary.isEmpty()) {
            raw.addHeader("Vary", "Cookie");
            raw.addHeader("Vary", "Sec-GPC");
            return;
        }
        String all = String.join(",", vary).toLowerCase(java.util.Locale.ROOT);
        if (!all.contains("cookie") && !all.contains("*")) {
            raw.addHeader("Vary", "Cookie");
        }
        if (!all.contains("sec-gpc") && !all.contains("*")) {
            raw.addHeader("Vary", "Sec-GPC");
        }
    }
}
