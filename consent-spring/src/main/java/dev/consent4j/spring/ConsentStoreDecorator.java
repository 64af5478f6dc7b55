package dev.consent4j.spring;

import dev.consent4j.store.ConsentStore;

/**
 * Wraps the store the {@link dev.consent4j.ConsentManager} uses (metrics, auditing). Every bean of
 * this type is applied, in order, to the one {@link ConsentStore} bean. A decorator that extends
 * {@link dev.consent4j.store.ForwardingConsentStore} keeps every power of the store it wraps (the
 * outbox, audience queries, verification) and overrides only what it adds to.
 */
@FunctionalInterface
public interface ConsentStoreDecorator {

    ConsentStore decorate(ConsentStore store);
}
