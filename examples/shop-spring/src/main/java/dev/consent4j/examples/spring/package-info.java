/** The example shop on Spring Boot. */
@NullMarked
package dev.consent4j.examples.spring;

import org.jspecify.annotations.NullMarked;
