/** Actuator support: the {@code consent} health indicator and endpoint, and Micrometer metrics. */
@NullMarked
package dev.consent4j.spring.actuate;

import org.jspecify.annotations.NullMarked;
