/** Actuator support: the {@code consent} health indicator and endpoint, and Micrometer metrics. */
package dev.consent4j.spring.actuate;
