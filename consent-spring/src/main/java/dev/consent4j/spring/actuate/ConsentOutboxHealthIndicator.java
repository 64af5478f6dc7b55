package dev.consent4j.spring.actuate;

import dev.consent4j.outbox.OutboxStats;
import dev.consent4j.outbox.OutboxStore;
import java.time.Clock;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Up when the outbox can be read, with details {@code pending}, {@code deadLetters} and
 * {@code lagSeconds} (how long the oldest undelivered message has waited). Dead letters and lag do
 * not make the application unhealthy — a restart would not deliver them; alert on the
 * {@code consent.outbox.*} metrics instead, and replay dead letters from the operator API.
 */
public final class ConsentOutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxStore outbox;
    private final Clock clock;

    public ConsentOutboxHealthIndicator(OutboxStore outbox, Clock clock) {
        super("consent outbox is not readable");
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxStats stats = outbox.stats();
        builder.up().withDetail("pending", stats.pending()).withDetail("deadLetters", stats.dead())
                .withDetail("lagSeconds", stats.lag(clock.instant()).toSeconds());
    }
}
