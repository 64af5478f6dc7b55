/**
 * Decisions and their reasons: {@link dev.consent4j.state.ConsentState} holds one
 * {@link dev.consent4j.state.Decision} per topic; {@link dev.consent4j.state.ConsentSettings}
 * tunes how choices are folded.
 */
@NullMarked
package dev.consent4j.state;

import org.jspecify.annotations.NullMarked;
