/**
 * The consent cookie: {@link dev.consent4j.cookie.ConsentCookie} is what a visitor's browser
 * carries (who, when, and the choices made), and {@link dev.consent4j.cookie.ConsentCookieCodec}
 * writes and reads it as a signed, versioned value. A cookie that fails verification is never
 * trusted; reading one never throws on bad input.
 */
@NullMarked
package dev.consent4j.cookie;

import org.jspecify.annotations.NullMarked;
