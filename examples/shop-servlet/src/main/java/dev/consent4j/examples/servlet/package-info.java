/** The example shop on plain servlets and embedded Jetty. */
package dev.consent4j.examples.servlet;
