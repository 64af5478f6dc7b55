package dev.consent4j.servlet;

/** Whether the filter sends a Content-Security-Policy that opens only the consented trackers' hosts. */
public enum CspMode {
    /** No header (the default). */
    OFF,
    /** {@code Content-Security-Policy-Report-Only}: violations are reported, nothing is blocked. */
    REPORT_ONLY,
    /** {@code Content-Security-Policy}: the browser blocks requests to hosts not consented to. */
    ENFORCE
}
