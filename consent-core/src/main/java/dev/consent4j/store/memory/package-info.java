/** An in-memory {@link dev.consent4j.store.ConsentStore} for tests and demos. */
@NullMarked
package dev.consent4j.store.memory;

import org.jspecify.annotations.NullMarked;
