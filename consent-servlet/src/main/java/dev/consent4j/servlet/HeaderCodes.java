package dev.consent4j.servlet;

import java.util.regex.Pattern;

/** What the header values and names {@link JurisdictionResolver} reads must look like. */
final class HeaderCodes {

    /** An ISO 3166-1 alpha-2 country code, upper case. */
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** An HTTP header name (an RFC 9110 token). */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private HeaderCodes() {
    }
}
