/**
 * One-click unsubscribe (RFC 8058): signed tokens naming a person, a purpose and a channel, and
 * the {@code List-Unsubscribe} headers a shop adds to its marketing mail.
 */
@NullMarked
package dev.consent4j.unsubscribe;

import org.jspecify.annotations.NullMarked;
