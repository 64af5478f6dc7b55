package dev.consent4j.servlet;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the consent cookie is written.
 *
 * @param name   the base name; over HTTPS the cookie is {@code __Host-<name>} (which browsers bind
 *               to the exact host, {@code Secure} and {@code Path=/}), over plain HTTP — local
 *               development only — just {@code <name>}
 * @param secure when the cookie is marked {@code Secure} and gets the {@code __Host-} prefix
 */
public record ConsentCookieSettings(String name, Secure secure) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** When the cookie is secure. */
    public enum Secure {
        /** When the request is HTTPS ({@code isSecure()}; behind a proxy, configure forwarded headers). */
        AUTO,
        /** Always: for sites served only over HTTPS. */
        ALWAYS,
        /** Never: local development over plain HTTP. */
        NEVER
    }

    public ConsentCookieSettings {
        Objects.requireNonNull(name, "name");
        if (!TOKEN.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException(
                    "the consent cookie name is 1 to 64 letters, digits, '-' or '_' without a __ prefix, but was '" + name + "'");
        }
        Objects.requireNonNull(secure, "secure");
    }

    /** {@code consent}, secure when the request is. */
    public static ConsentCookieSettings defaults() {
        return new ConsentCookieSettings("consent", Secure.AUTO);
    }

    /** The cookie's name for a request that is ({@code true}) or is not secure. */
    public String nameFor(boolean secureRequest) {
        return isSecure(secureRequest) ? "__Host-" + name : name;
    }

    public boolean isSecure(boolean secureRequest) {
        return switch (secure) {
            case AUTO -> secureRequest;
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }
}
