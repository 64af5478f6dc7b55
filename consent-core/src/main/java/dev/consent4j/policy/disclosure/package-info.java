/**
 * The public disclosure generated from a policy (the external-transmission notice and the
 * recipients of personal data): {@link dev.consent4j.policy.disclosure.DisclosureDocument} holds
 * it in one language, {@link dev.consent4j.policy.disclosure.DisclosureRenderer} writes it as HTML
 * (from the pieces in {@code pages/*.html}, filled by {@link dev.consent4j.internal.html.PageTemplate})
 * or Markdown.
 */
@NullMarked
package dev.consent4j.policy.disclosure;

import org.jspecify.annotations.NullMarked;
