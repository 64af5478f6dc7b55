/**
 * The parts of the {@code /consent/*} endpoints: request parsing and paths, the cross-site check,
 * problem+json errors, JSON views and the pages' texts. Not for use by shops; the public entry
 * point is {@link dev.consent4j.servlet.ConsentEndpoints}.
 */
package dev.consent4j.servlet.endpoint;
