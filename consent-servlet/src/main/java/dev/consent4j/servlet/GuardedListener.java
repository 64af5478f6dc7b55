package dev.consent4j.servlet;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import dev.consent4j.state.Reason;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shop's listener, with every call's failure caught and logged at most once a minute: metrics never fail a request. */
final class GuardedListener implements EnforcementListener {

    private static final Logger LOG = LoggerFactory.getLogger(EnforcementListener.class);

    private final EnforcementListener listener;
    private final RateLimitedLog failures;

    private GuardedListener(EnforcementListener listener, Clock clock) {
        this.listener = listener;
        this.failures = new RateLimitedLog(LOG, clock, Duration.ofMinutes(1));
    }

    static EnforcementListener guard(EnforcementListener listener, Clock clock) {
        return listener == NONE || listener instanceof GuardedListener ? listener : new GuardedListener(listener, clock);
    }

    private void failed(String call, RuntimeException e) {
        failures.warn(call, "an enforcement listener failed in " + call + "; the request goes on: {}",
                e.getClass().getName() + ": " + LogSafe.text(e.getMessage()));
    }

    @Override
    public void cookieDropped(String cookieName, String categoryId, Reason reason) {
        try {
            listener.cookieDropped(cookieName, categoryId, reason);
        } catch (RuntimeException e) {
            failed("cookieDropped", e);
        }
    }

    @Override
    public void undeclaredCookie(String cookieName, boolean dropped) {
        try {
            listener.undeclaredCookie(cookieName, dropped);
        } catch (RuntimeException e) {
            failed("undeclaredCookie", e);
        }
    }

    @Override
    public void cookieExpired(String cookieName, String categoryId) {
        try {
            listener.cookieExpired(cookieName, categoryId);
        } catch (RuntimeException e) {
            failed("cookieExpired", e);
        }
    }

    @Override
    public void expiriesDeferred(int count) {
        try {
            listener.expiriesDeferred(count);
        } catch (RuntimeException e) {
            failed("expiriesDeferred", e);
        }
    }

    @Override
    public void gpcHonoured(Jurisdiction jurisdiction, boolean customer) {
        try {
            listener.gpcHonoured(jurisdiction, customer);
        } catch (RuntimeException e) {
            failed("gpcHonoured", e);
        }
    }

    @Override
    public void bannerOutcome(BannerOutcome outcome) {
        try {
            listener.bannerOutcome(outcome);
        } catch (RuntimeException e) {
            failed("bannerOutcome", e);
        }
    }

    @Override
    public void storeUnavailable() {
        try {
            listener.storeUnavailable();
        } catch (RuntimeException e) {
            failed("storeUnavailable", e);
        }
    }
}
