package dev.consent4j.servlet.badrequests;

/** The servers the bad-request table runs against. */
public enum Server {
    /** Jetty 12 with the filter and endpoints mapped by hand. */
    JETTY,
    /** Embedded Tomcat with the filter and endpoints mapped by hand. */
    TOMCAT,
    /** The Spring Boot app: consent-spring's auto-configuration on Tomcat, behind Spring Security. */
    SPRING
}
