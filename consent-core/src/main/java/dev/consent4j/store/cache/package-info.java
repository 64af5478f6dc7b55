/**
 * A bounded cache in front of any {@link dev.consent4j.store.ConsentStore}, under the same store
 * contract, and {@link dev.consent4j.store.cache.PostgresInvalidations}, which keeps the caches
 * of several application nodes on one PostgreSQL database coherent through LISTEN/NOTIFY.
 */
@NullMarked
package dev.consent4j.store.cache;

import org.jspecify.annotations.NullMarked;
