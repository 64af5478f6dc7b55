/** What the example shops share: the catalogue and the stub third-party trackers they load. */
package dev.consent4j.examples.shop;
