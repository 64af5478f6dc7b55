package dev.consent4j.spring;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.servlet.EnforcementListener;
import dev.consent4j.state.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link EnforcementListener} bean, in their order, as the one listener the filter and the
 * endpoints take: the metrics and a shop's own listener both hear every call. Each is guarded on its
 * own, so one that throws is logged (at most once a minute per listener and call) and the others are
 * still told.
 */
final class EnforcementListeners implements EnforcementListener {

    private static final Logger LOG = LoggerFactory.getLogger(EnforcementListener.class);

    private final List<EnforcementListener> listeners;
    private final RateLimitedLog failures;

    private EnforcementListeners(List<EnforcementListener> listeners, Clock clock) {
        this.listeners = listeners;
        this.failures = new RateLimitedLog(LOG, clock, Duration.ofMinutes(1));
    }

    /** {@link EnforcementListener#NONE} for none, the one itself for one, else all of them in turn. */
    static EnforcementListener of(List<EnforcementListener> listeners, Clock clock) {
        return switch (listeners.size()) {
            case 0 -> NONE;
            case 1 -> listeners.get(0);
            default -> new EnforcementListeners(List.copyOf(listeners), clock);
        };
    }

    private void each(String call, Consumer<EnforcementListener> action) {
        for (EnforcementListener listener : listeners) {
            try {
                action.accept(listener);
            } catch (RuntimeException e) {
                failures.warn(call + " " + listener.getClass().getName(),
                        "an enforcement listener failed in " + call + "; the others and the request go on: {}",
                        listener.getClass().getName() + " " + e.getClass().getName() + ": " + LogSafe.text(e.getMessage()));
            }
        }
    }

    @Override
    public void cookieDropped(String cookieName, String categoryId, Reason reason) {
        each("cookieDropped", listener -> listener.cookieDropped(cookieName, categoryId, reason));
    }

    @Override
    public void undeclaredCookie(String cookieName, boolean dropped) {
        each("undeclaredCookie", listener -> listener.undeclaredCookie(cookieName, dropped));
    }

    @Override
    public void cookieExpired(String cookieName, String categoryId) {
        each("cookieExpired", listener -> listener.cookieExpired(cookieName, categoryId));
    }

    @Override
    public void expiriesDeferred(int count) {
        each("expiriesDeferred", listener -> listener.expiriesDeferred(count));
    }

    @Override
    public void storeUnavailable() {
        each("storeUnavailable", EnforcementListener::storeUnavailable);
    }

    @Override
    public void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
        each("gpcHonoured", listener -> listener.gpcHonoured(jurisdiction, customer));
    }

    @Override
    public void bannerOutcome(BannerOutcome outcome) {
        each("bannerOutcome", listener -> listener.bannerOutcome(outcome));
    }
}
