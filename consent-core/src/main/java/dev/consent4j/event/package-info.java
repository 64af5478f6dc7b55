/**
 * Consent events: the append-only evidence of what each subject chose, when, how and under which
 * policy version. The application describes a choice as a {@link dev.consent4j.event.NewEvent};
 * a store appends it and gives it back as a {@link dev.consent4j.event.ConsentEvent}, sealed into
 * its subject's hash chain ({@link dev.consent4j.store.ConsentStore#verify} checks it).
 */
@NullMarked
package dev.consent4j.event;

import org.jspecify.annotations.NullMarked;
