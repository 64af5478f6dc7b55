/**
 * Not API (see {@link dev.consent4j.internal}). Logging shared by the modules: warnings rate-limited
 * per kind, so forged cookies or a failing observer cannot flood the log. What is logged is made
 * safe with {@link dev.consent4j.LogSafe}, which is API.
 */
@NullMarked
package dev.consent4j.internal.log;

import org.jspecify.annotations.NullMarked;
