package dev.consent4j.policy;

import java.util.Objects;

/**
 * A cookie (or web-storage key) a cookie category covers.
 *
 * @param name          an exact name ({@code _fbp}) or a glob ({@code _ga_*}; {@code *} matches
 *                      any run of characters, {@code ?} one character)
 * @param domains       the domains it is set on, so the server can expire every variant; an empty
 *                      list means host-only; a leading dot is not needed
 * @param path          the path it is set on, {@code /} by default
 * @param setBy         who writes it, which decides how it can be removed
 * @param storage       where it lives
 * @param justification why it is strictly necessary (required for the necessary category)
 */
public record CookieDeclaration(
        String name,
        java.util.List<String> domains,
        String path,
        SetBy setBy,
        Storage storage,
        LocalizedText justification) {

    /** Who writes a cookie. */
    public enum SetBy {
        /** A {@code Set-Cookie} header from the shop (may be HttpOnly; only the server can expire it). */
        SERVER,
        /** {@code document.cookie} on the shop's pages (visible to both server and banner). */
        SCRIPT,
        /** The tracker's own domain: never sent to the shop; only blocking the request helps. */
        THIRD_PARTY_DOMAIN
    }

    /** Where the value is kept in the browser. */
    public enum Storage {
        COOKIE, LOCAL_STORAGE, SESSION_STORAGE, INDEXED_DB
    }

    public CookieDeclaration {
        Objects.requireNonNull(name, "name");
        domains = java.util.List.copyOf(domains);
        path = path == null ? "/" : path;
        setBy = setBy == null ? SetBy.SERVER : setBy;
        storage = storage == null ? Storage.COOKIE : storage;
        justification = justification == null ? LocalizedText.EMPTY : justification;
    }

    public static CookieDeclaration named(String name) {
        return new CookieDeclaration(name, java.util.List.of(), "/", SetBy.SERVER, Storage.COOKIE, LocalizedText.EMPTY);
    }

    /** Whether the name is a glob rather than an exact name. */
    public boolean isPattern() {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /** Whether this is an HTTP cookie (rather than a web-storage key). */
    public boolean isCookie() {
        return storage == Storage.COOKIE;
    }
}
