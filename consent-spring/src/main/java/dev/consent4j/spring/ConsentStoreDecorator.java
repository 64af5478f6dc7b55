package dev.consent4j.spring;

import dev.consent4j.store.ConsentStore;

/**
 * Wraps the store the {@link dev.consent4j.ConsentManager} uses (metrics, auditing). Every bean of
 * this type is applied, in order, to the one {@link ConsentStore} bean.
 */
@FunctionalInterface
public interface ConsentStoreDecorator {

    ConsentStore decorate(ConsentStore store);
}
