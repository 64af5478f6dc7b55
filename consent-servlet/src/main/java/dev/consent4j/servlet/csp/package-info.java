/** Content-Security-Policy headers that open only the hosts of trackers a visitor consented to. */
package dev.consent4j.servlet.csp;
