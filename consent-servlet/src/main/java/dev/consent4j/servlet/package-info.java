/**
 * Consent enforcement for plain servlet applications: {@link dev.consent4j.servlet.ConsentFilter}
 * reads the visitor's signed consent cookie and drops the cookies, tags and CSP sources the
 * visitor has not agreed to; {@link dev.consent4j.servlet.ConsentEndpoints} serves the
 * {@code /consent/*} endpoints and the banner; {@link dev.consent4j.servlet.ConsentContext} gives
 * the shop's code the visitor's decisions for the current request.
 *
 * <p>The shop plugs in who and where a shopper is ({@link dev.consent4j.servlet.SubjectResolver},
 * {@link dev.consent4j.servlet.CustomerAgeResolver}, {@link dev.consent4j.servlet.JurisdictionResolver}),
 * how the cookie is written ({@link dev.consent4j.servlet.ConsentCookieSettings}), what it is told
 * ({@link dev.consent4j.servlet.EnforcementListener}) and the tags it renders
 * ({@link dev.consent4j.servlet.ConsentTags}); integrations use
 * {@link dev.consent4j.servlet.ConsentServletSupport}. Everything else here is package-private:
 * the consent cookie's one owner ({@code ConsentCookies}), the request side of the filter
 * ({@code RequestResolver}) and its response wrapper ({@code ConsentResponse}), and one class per
 * endpoint resource behind the router in {@code ConsentEndpoints}. Their JSON bodies are records
 * beside the code that fills them ({@code Views}, {@code PolicyView}, {@code Disclosure},
 * {@code ExportViews}), as {@code docs/http-api.md} shows them; their HTML pages are pieces under
 * {@code dev/consent4j/servlet/pages/} (filled by consent-core's {@code PageTemplate}) and their built-in words are in
 * {@code META-INF/consent4j/ui-texts_*.properties} ({@code UiTexts}).
 */
@NullMarked
package dev.consent4j.servlet;

import org.jspecify.annotations.NullMarked;
