/**
 * The browser scan behind {@link dev.consent4j.test.ShopScanner}: one headless Chromium per
 * visitor, the passes it drives through the shop's pages, what each pass saw and the report files;
 * {@link dev.consent4j.test.scan.ScanCommand} runs a scan from a command line.
 */
@NullMarked
package dev.consent4j.test.scan;

import org.jspecify.annotations.NullMarked;
