/**
 * The policy model: what a shop's privacy policy declares, as immutable values. The entry point
 * is {@link dev.consent4j.policy.Policy}; files are read by
 * {@link dev.consent4j.policy.load.PolicyLoader}.
 */
@NullMarked
package dev.consent4j.policy;

import org.jspecify.annotations.NullMarked;
