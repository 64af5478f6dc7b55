package dev.consent4j.servlet;

import static dev.consent4j.servlet.EndpointHelpers.context;

import dev.consent4j.ConsentManager;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.disclosure.DisclosureDocument;
import dev.consent4j.policy.disclosure.DisclosureRenderer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the shop declares: {@code GET {base}/policy} (JSON for the banner, cached per language and
 * per set of rules, with an ETag) and {@code GET {base}/disclosure} (the public disclosure page,
 * or its JSON).
 */
final class PolicyEndpoint {

    static final int MAX_POLICY_BODIES = 256;

    private final ConsentManager consents;
    private final StateFolder folder;
    private final CspReports cspReports;
    private final Predicate<HttpServletRequest> operator;
    private final PublicPages pages;
    /**
     * {@code /policy} bodies by what they are built from: not the jurisdiction code the client
     * sent (there are millions) but the rules that code selects, so every jurisdiction with the
     * same rules shares one body. Capped as a backstop; past the cap, bodies are built per request.
     */
    private final Map<PolicyBodyKey, PolicyBody> policyBodies = new ConcurrentHashMap<>();

    PolicyEndpoint(ConsentManager consents, StateFolder folder, CspReports cspReports,
            Predicate<HttpServletRequest> operator, PublicPages pages) {
        this.consents = consents;
        this.folder = folder;
        this.cspReports = cspReports;
        this.operator = operator;
        this.pages = pages;
    }

    void policy(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Policy policy = consents.policy();
        String language = Languages.choose(request, policy);
        Jurisdiction jurisdiction = context(request).signals().jurisdiction();
        String base = request.getContextPath() + request.getServletPath();
        PolicyBodyKey key = PolicyBodyKey.of(policy, language, jurisdiction, base);
        PolicyBody cached = policyBodies.get(key);
        if (cached == null) {
            byte[] json = JsonIo.bytes(PolicyView.policy(folder, consents.clock().instant(), language, jurisdiction, base));
            cached = new PolicyBody(json, "\"" + sha256(json).substring(0, 32) + "\"");
            if (policyBodies.size() < MAX_POLICY_BODIES) {
                policyBodies.putIfAbsent(key, cached);
            }
        }
        byte[] body = cached.json();
        String etag = cached.etag();
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
    /** A {@code /policy} body with its ETag, hashed once when it is built. */
    private record PolicyBody(byte[] json, String etag) {
    }

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

    void disclosure(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
                new DisclosureRenderer.Page(pages.shopName(language), pages.stylesheets(request), pages.home(),
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
