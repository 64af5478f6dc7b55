/**
 * Reading what a request says about its sender: its cookies, the Global Privacy Control header,
 * and the evidence stored with a choice (a truncated IP, the user agent, the notice shown).
 */
package dev.consent4j.servlet.request;
