/** An in-memory {@link dev.consent4j.store.ConsentStore} for tests and demos. */
package dev.consent4j.store.memory;
