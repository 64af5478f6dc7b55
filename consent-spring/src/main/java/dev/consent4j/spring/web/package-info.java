/**
 * Spring MVC integration: the interceptor behind {@link dev.consent4j.spring.RequiresConsent} and
 * a {@link dev.consent4j.state.ConsentState} controller argument.
 */
package dev.consent4j.spring.web;
