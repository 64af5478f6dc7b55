/**
 * The {@code consent} Maven plugin: {@code consent:check} validates a shop's policy in its own
 * build and reports each problem as {@code file:line:column: path: message};
 * {@code consent:disclosure} writes the external-transmission notice as HTML and Markdown.
 */
@NullMarked
package dev.consent4j.maven;

import org.jspecify.annotations.NullMarked;
