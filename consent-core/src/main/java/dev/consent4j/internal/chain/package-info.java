/**
 * Not API (see {@link dev.consent4j.internal}). The hash chain the stores seal each subject's events
 * into, and check them against; the result of a check is the API type
 * {@link dev.consent4j.event.ChainVerification}.
 */
@NullMarked
package dev.consent4j.internal.chain;

import org.jspecify.annotations.NullMarked;
