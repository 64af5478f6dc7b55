/**
 * Lookups from cookie names and hosts to the policy's declarations, built once per policy: exact
 * names and hosts first, then the policy's prefix and wildcard patterns. The filter and the CSP
 * builder use them on every request.
 */
package dev.consent4j.policy.match;
