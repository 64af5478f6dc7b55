/** Failure analyzers that turn a misconfigured start into a message that says what to fix. */
package dev.consent4j.spring.diagnostics;
