/**
 * Spring MVC integration: the interceptor behind {@link dev.consent4j.spring.RequiresConsent} and
 * a {@link dev.consent4j.state.ConsentState} controller argument.
 */
@NullMarked
package dev.consent4j.spring.web;

import org.jspecify.annotations.NullMarked;
