package dev.consent4j.internal.log;

import dev.consent4j.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs a warning of each kind at most once per interval, with the number of times it was
 * suppressed since, so that a flood of forged cookies, or an observer failing on every request,
 * cannot flood the log. Shared by consent4j's modules; arguments must already be safe to log
 * ({@link LogSafe}).
 */
public final class RateLimitedLog {

    private final Logger log;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.interval = interval;
    }

    /** Logs {@code format} with its one argument, unless a warning of the same kind was logged within the interval. */
    public void warn(String kind, String format, Object argument) {
        warn(kind, format, argument, null);
    }

    /** As {@link #warn(String, String, Object)}, with {@code cause}'s stack trace (when not null) on the lines logged. */
    public void warn(String kind, String format, Object argument, @Nullable Throwable cause) {
        Window window = windows.computeIfAbsent(kind, k -> new Window());
        Instant now = clock.instant();
        long suppressed;
        synchronized (window) {
            if (window.last != null && now.isBefore(window.last.plus(interval))) {
                window.suppressed.incrementAndGet();
                return;
            }
            window.last = now;
            suppressed = window.suppressed.getAndSet(0);
        }
        if (suppressed > 0) {
            log.warn(format + " ({} more like it since the last report)", argument, suppressed, cause);
        } else {
            log.warn(format, argument, cause);
        }
    }

    private static final class Window {
        @Nullable Instant last;
        final AtomicLong suppressed = new AtomicLong();
    }
}
