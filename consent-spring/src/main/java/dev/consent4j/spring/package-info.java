/**
 * Spring Boot auto-configuration for consent4j: the policy, the store chosen from the
 * application's {@code DataSource}, the filter and endpoints, bound from {@code consent.*}
 * properties ({@link dev.consent4j.spring.ConsentProperties}, one record per concern);
 * {@link dev.consent4j.spring.RequiresConsent} guards controller methods.
 */
@NullMarked
package dev.consent4j.spring;

import org.jspecify.annotations.NullMarked;
