package dev.consent4j.spring.actuate;

import dev.consent4j.outbox.OutboxDispatcher;
import dev.consent4j.outbox.OutboxMessage;
import dev.consent4j.outbox.OutboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;

/**
 * The outbox's meters: counters {@code consent.outbox.delivered}, {@code consent.outbox.retried} and
 * {@code consent.outbox.dead} (told by the dispatcher, as its listener), the timer
 * {@code consent.outbox.delivery.lag} (from recording to delivery), and gauges read from the store
 * at each scrape: {@code consent.outbox.pending}, {@code consent.outbox.dead.letters} and
 * {@code consent.outbox.lag} (seconds the oldest undelivered message has waited).
 */
public final class OutboxMetrics implements OutboxDispatcher.Listener {

    private final Counter delivered;
    private final Counter retried;
    private final Counter dead;
    private final Timer lag;

    public OutboxMetrics(MeterRegistry registry, OutboxStore outbox, Clock clock) {
        this.delivered = Counter.builder("consent.outbox.delivered").description("outbox messages delivered to every sink")
                .register(registry);
        this.retried = Counter.builder("consent.outbox.retried").description("outbox deliveries that failed and wait to be tried again")
                .register(registry);
        this.dead = Counter.builder("consent.outbox.dead").description("outbox messages given up as dead letters").register(registry);
        this.lag = Timer.builder("consent.outbox.delivery.lag").description("from an outbox message's recording to its delivery")
                .register(registry);
        Gauge.builder("consent.outbox.pending", outbox, o -> o.stats().pending())
                .description("outbox messages not delivered yet").register(registry);
        Gauge.builder("consent.outbox.dead.letters", outbox, o -> o.stats().dead())
                .description("outbox messages waiting for an operator's replay").register(registry);
        Gauge.builder("consent.outbox.lag", outbox, o -> o.stats().lag(clock.instant()).toMillis() / 1000.0).baseUnit("seconds")
                .description("how long the oldest undelivered outbox message has waited").register(registry);
    }

    @Override
    public void delivered(OutboxMessage message, Duration lag) {
        delivered.increment();
        this.lag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void retried(OutboxMessage message, int attempt) {
        retried.increment();
    }

    @Override
    public void dead(OutboxMessage message) {
        dead.increment();
    }
}
