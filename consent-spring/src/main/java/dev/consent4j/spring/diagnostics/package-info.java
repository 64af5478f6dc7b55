/** Failure analyzers that turn a misconfigured start into a message that says what to fix. */
@NullMarked
package dev.consent4j.spring.diagnostics;

import org.jspecify.annotations.NullMarked;
