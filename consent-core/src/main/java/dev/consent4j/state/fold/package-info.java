/** Folding choices into decisions: {@link dev.consent4j.state.fold.StateFolder}. */
package dev.consent4j.state.fold;
