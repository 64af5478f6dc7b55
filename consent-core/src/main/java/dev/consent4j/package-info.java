/**
 * consent4j's entry point for a shop's own code: {@link dev.consent4j.ConsentManager} records
 * choices and answers "may I?" for one person or a campaign audience.
 */
package dev.consent4j;
