/**
 * Consent enforcement for plain servlet applications: {@link dev.consent4j.servlet.ConsentFilter}
 * reads the visitor's signed consent cookie and drops the cookies, tags and CSP sources the
 * visitor has not agreed to; {@link dev.consent4j.servlet.ConsentEndpoints} serves the
 * {@code /consent/*} endpoints and the banner; {@link dev.consent4j.servlet.ConsentContext} gives
 * the shop's code the visitor's decisions for the current request.
 */
package dev.consent4j.servlet;
