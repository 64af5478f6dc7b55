/**
 * What the test kit checks a response or a page with: {@link dev.consent4j.test.check.Judge}
 * (findings under one visitor's consent state), {@link dev.consent4j.test.check.PageSources} (the
 * hosts a response can load from), {@link dev.consent4j.test.check.Suggestions} (policy YAML for an
 * undeclared item) and {@link dev.consent4j.test.check.KitConfiguration} (the kit's settings).
 */
@NullMarked
package dev.consent4j.test.check;

import org.jspecify.annotations.NullMarked;
