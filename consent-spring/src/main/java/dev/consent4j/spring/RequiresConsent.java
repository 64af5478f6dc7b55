package dev.consent4j.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a handler (or every handler of a controller) only when the caller's consent allows it: a
 * handler that shares data with an ad network simply does not run without consent. Otherwise the
 * request is answered with {@code consent.guard.status} (403 by default) and a problem body.
 *
 * <pre>{@code
 * @PostMapping("/audience/sync")
 * @RequiresConsent(purpose = "targeted-ads")
 * void syncAudience() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresConsent {

    /** Purposes that must all be allowed. */
    String[] purpose() default {};

    /** Cookie categories that must all be allowed. */
    String[] category() default {};
}
