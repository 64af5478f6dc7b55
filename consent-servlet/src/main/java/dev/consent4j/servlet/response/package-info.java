/**
 * Response wrappers that let the filter see the cookies and headers the application sets and drop
 * the ones the visitor has not consented to before the response is committed, and the
 * {@code Set-Cookie} header syntax they need.
 */
package dev.consent4j.servlet.response;
