/**
 * consent4j's test kit for a shop's own tests: {@link dev.consent4j.test.ConsentTestKit} (the
 * shop's policy and signing key, and the visitors made from them), {@link
 * dev.consent4j.test.ConsentAssertions} over a {@link dev.consent4j.test.ShopResponse}, the JUnit 5
 * {@link dev.consent4j.test.ConsentTestExtension}, and {@link dev.consent4j.test.ShopScanner}, which
 * drives Chromium through the shop's pages.
 */
@NullMarked
package dev.consent4j.test;

import org.jspecify.annotations.NullMarked;
