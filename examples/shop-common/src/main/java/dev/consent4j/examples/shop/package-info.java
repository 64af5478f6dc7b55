/** What the example shops share: the catalogue and the stub third-party trackers they load. */
@NullMarked
package dev.consent4j.examples.shop;

import org.jspecify.annotations.NullMarked;
