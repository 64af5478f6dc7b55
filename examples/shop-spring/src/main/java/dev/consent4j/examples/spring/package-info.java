/** The example shop on Spring Boot. */
package dev.consent4j.examples.spring;
