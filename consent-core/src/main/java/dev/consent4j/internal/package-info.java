/**
 * Not API: implementation shared between consent4j's modules (consent-servlet, consent-spring,
 * consent-test and the others). Its types are public only because Java has no narrower
 * visibility across packages and modules on the class path; they may change or disappear in any
 * release, and COMPATIBILITY.md makes no promise about them. A shop uses the packages beside this
 * one.
 */
@NullMarked
package dev.consent4j.internal;

import org.jspecify.annotations.NullMarked;
