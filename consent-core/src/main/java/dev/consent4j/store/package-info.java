/**
 * Where consent events are kept: the {@link dev.consent4j.store.ConsentStore} SPI, and
 * {@link dev.consent4j.store.ForwardingConsentStore}, the base of the decorators that wrap a store
 * (the cache, metrics, auditing). The implementations live in sub-packages named for their backend.
 */
@NullMarked
package dev.consent4j.store;

import org.jspecify.annotations.NullMarked;
