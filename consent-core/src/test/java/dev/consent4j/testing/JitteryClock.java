package dev.consent4j.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A clock that is off by a random amount, up to {@code skew} either way, on every reading: writers
 * whose clocks disagree, so that the order of their events in a chain and the order of their
 * times differ.
 */
public final class JitteryClock extends Clock {

    private final Instant base;
    private final long skewMillis;

    public JitteryClock(Instant base, Duration skew) {
        this.base = base;
        this.skewMillis = skew.toMillis();
    }

    @Override
    public Instant instant() {
        return base.plusMillis(ThreadLocalRandom.current().nextLong(-skewMillis, skewMillis + 1));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
