/**
 * Consent events: the append-only evidence of what each subject chose, when, how and under which
 * policy version. The central type is {@link dev.consent4j.event.ConsentEvent}.
 */
package dev.consent4j.event;
