/**
 * Not API (see {@link dev.consent4j.internal}). Folding choices into decisions:
 * {@link dev.consent4j.internal.fold.StateFolder} is the one decision function behind
 * {@link dev.consent4j.ConsentManager}, the bulk decisions, the outbox and the servlet filter. A shop
 * reads its answers through {@code ConsentManager} and {@link dev.consent4j.state.ConsentState}.
 */
@NullMarked
package dev.consent4j.internal.fold;

import org.jspecify.annotations.NullMarked;
