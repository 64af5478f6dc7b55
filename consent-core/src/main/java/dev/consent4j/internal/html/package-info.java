/**
 * Not API (see {@link dev.consent4j.internal}). The HTML pieces of consent4j's pages (the disclosure
 * and the servlet's public pages) are resources filled by
 * {@link dev.consent4j.internal.html.PageTemplate}, which escapes every value it puts in.
 */
@NullMarked
package dev.consent4j.internal.html;

import org.jspecify.annotations.NullMarked;
