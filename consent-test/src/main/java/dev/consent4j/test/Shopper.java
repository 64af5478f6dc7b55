package dev.consent4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link ConsentTestExtension} for a {@link Visitor} parameter:
 * {@code @Shopper(value = Shopper.Kind.REJECT_ALL, in = "EU") Visitor visitor}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Shopper {

    Kind value();

    /** The jurisdiction code, e.g. {@code JP}, {@code EU}, {@code US-CA}. */
    String in();

    /** Which visitor: see the {@link ConsentTestKit} method of the same meaning. */
    enum Kind {
        /** {@link ConsentTestKit#firstVisit}. */
        FIRST_VISIT,
        /** {@link ConsentTestKit#afterRejectAll}. */
        REJECT_ALL,
        /** {@link ConsentTestKit#afterAcceptAll}. */
        ACCEPT_ALL,
        /** {@link ConsentTestKit#withGpc}. */
        GPC
    }
}
