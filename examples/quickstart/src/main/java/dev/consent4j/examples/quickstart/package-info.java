/** The plain-servlet quick start the README walks through, and the home of its code snippets. */
@NullMarked
package dev.consent4j.examples.quickstart;

import org.jspecify.annotations.NullMarked;
