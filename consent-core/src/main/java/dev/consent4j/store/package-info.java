/**
 * Where consent events are kept: the {@link dev.consent4j.store.ConsentStore} SPI; the
 * implementations live in sub-packages named for their backend.
 */
package dev.consent4j.store;
