/** The example shop on plain servlets and embedded Jetty. */
@NullMarked
package dev.consent4j.examples.servlet;

import org.jspecify.annotations.NullMarked;
