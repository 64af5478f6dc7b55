/**
 * Not API (see {@link dev.consent4j.internal}). Lookups from cookie names and hosts to the policy's
 * declarations, built once per policy: exact names and hosts first, then the policy's prefix and
 * wildcard patterns. The filter and the CSP builder use them on every request; {@code Closest}
 * gives the did-you-mean hints of the policy loader and of unknown ids.
 */
@NullMarked
package dev.consent4j.internal.match;

import org.jspecify.annotations.NullMarked;
