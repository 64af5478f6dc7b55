/**
 * The measurements behind benchmarks/README.md: JMH benchmarks of the decision function, the
 * cookie and the matchers, and runs against real servers and databases (load, stores, growth,
 * invalidation, outbox), each beside a baseline measured in the same run.
 */
@NullMarked
package dev.consent4j.benchmarks;

import org.jspecify.annotations.NullMarked;
