package dev.consent4j.servlet;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.SubjectId;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.AgeBand;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a request says before the application sees it: its jurisdiction and {@code Sec-GPC}, the
 * signed-in customer and their age, the consent cookie, and from them the request's consent
 * state. A customer's stored state is looked up on a worker with a timeout; when the store fails
 * or does not answer, the request gets the fail-closed state.
 */
final class RequestResolver {

    private final ConsentManager consents;
    private final StateFolder folder;
    private final ConsentCookies cookies;
    private final SubjectResolver subjects;
    private final CustomerAgeResolver ages;
    private final JurisdictionResolver jurisdictions;
    private final EnforcementListener listener;
    private final StoreLookups lookups;
    private final Duration storeTimeout;
    private final RateLimitedLog storeWarnings;
    private final RateLimitedLog rejections;

    RequestResolver(ConsentManager consents, ConsentCookies cookies, SubjectResolver subjects, CustomerAgeResolver ages,
            JurisdictionResolver jurisdictions, EnforcementListener listener, StoreLookups lookups, Duration storeTimeout,
            RateLimitedLog storeWarnings, RateLimitedLog rejections) {
        this.consents = consents;
        this.folder = new StateFolder(consents.policy(), consents.settings());
        this.cookies = cookies;
        this.subjects = subjects;
        this.ages = ages;
        this.jurisdictions = jurisdictions;
        this.listener = listener;
        this.lookups = lookups;
        this.storeTimeout = storeTimeout;
        this.storeWarnings = storeWarnings;
        this.rejections = rejections;
    }

    /** Stops the store lookup workers. */
    void shutdown() {
        lookups.shutdown();
    }

    ConsentContext resolve(HttpServletRequest request) {
        Instant now = consents.clock().instant();
        Jurisdiction jurisdiction = jurisdictions.resolve(request);
        Signals fromRequest = Signals.of(jurisdiction == null ? consents.settings().defaultJurisdiction() : jurisdiction)
                .withGpc(RequestHeaders.gpc(request));
        boolean secure = request.isSecure();
        SubjectId customer = customer(request);
        Signals signals = customer == null ? fromRequest : withAge(fromRequest, customer, request);
        if (customer == null) {
            if (signals.gpc() && consents.settings().honoursGpc(signals.jurisdiction())) {
                listener.gpcHonoured(signals.jurisdiction(), false);
            }
            ConsentCookieCodec.Result read = cookies.read(request, now);
            ConsentCookie cookie = read == null ? null : read.cookie();
            SubjectId visitor = cookie != null ? cookie.visitor() : SubjectId.UNDECIDED_VISITOR;
            List<dev.consent4j.state.Choice> choices = cookie != null ? cookie.asChoices() : List.of();
            // Enforcement needs only what is allowed and why, which visitors with the same choice
            // pattern share; the visitor's own state is folded only if the application asks for it.
            ConsentState enforced = folder.foldShared(choices, signals, now);
            // A cookie signed with an older key is re-issued under the newest, so old keys can be retired.
            ConsentCookie toIssue = read != null && read.signedWithOlderKey() ? cookie : null;
            return new ConsentContext(signals, null, secure, cookie, enforced,
                    () -> folder.fold(visitor, choices, signals, now), toIssue, false);
        }
        ConsentCookieCodec.Result read = cookies.read(request, now);
        ConsentCookie cookie = read == null ? null : read.cookie();
        // A cookie signed with an older key is re-issued under the newest, so old keys can be retired.
        ConsentCookie toIssue = read != null && read.signedWithOlderKey() ? cookie : null;
        ConsentCookie toLink = cookie != null && !cookie.linkedToCustomer() ? cookie : null;
        if (signals.gpc() && consents.settings().honoursGpc(signals.jurisdiction())) {
            listener.gpcHonoured(signals.jurisdiction(), true);
        }
        // Read from the request here, on its own thread; the lookup runs on another.
        Evidence evidence = toLink != null || signals.gpc()
                ? RequestEvidence.of(request, consents.policy().version(), null) : Evidence.NONE;
        try {
            CustomerLookup found = lookups.call(() -> {
                if (toLink != null) {
                    consents.link(toLink.visitor(), customer, signals, evidence);
                }
                if (signals.gpc()) {
                    consents.recordGpc(customer, signals, evidence);
                }
                return new CustomerLookup(consents.state(customer, signals), toLink != null ? toLink.linked() : null);
            });
            ConsentCookie linked = found.linkedCookie();
            return new ConsentContext(signals, customer, secure, cookie, found.state(), linked != null ? linked : toIssue,
                    false);
        } catch (StoreLookups.LookupFailed failed) {
            storeUnavailable(failed);
            // Nothing beyond what this browser's own cookie records: the stored choices are unknown.
            ConsentState failClosed = folder.foldWithoutStore(customer,
                    cookie != null ? cookie.asChoices() : List.of(), signals, now);
            return new ConsentContext(signals, customer, secure, cookie, failClosed, toIssue, true);
        }
    }

    private record CustomerLookup(ConsentState state, @Nullable ConsentCookie linkedCookie) {
    }

    private void storeUnavailable(StoreLookups.LookupFailed failed) {
        listener.storeUnavailable();
        String why = switch (failed.failure()) {
            case TIMED_OUT -> "no answer within " + storeTimeout.toMillis() + " ms";
            case BUSY -> "every store lookup worker is busy with earlier lookups";
            case FAILED -> "it failed with " + failed.reason().getClass().getSimpleName() + ", below";
        };
        storeWarnings.warn("store", "the consent store gave no state for a signed-in customer ({}); such requests get"
                + " the fail-closed state (only their consent cookie's choices count) until it answers again", why,
                failed.failure() == StoreLookups.Failure.FAILED ? failed.reason() : null);
    }

    /** The signals with the customer's age, as far as the {@link CustomerAgeResolver} knows it. */
    private Signals withAge(Signals signals, SubjectId customer, HttpServletRequest request) {
        try {
            AgeBand age = ages.age(customer, request);
            return age == null ? signals : age.applyTo(signals);
        } catch (RuntimeException e) {
            rejections.warn("customer-age", "the customer age resolver failed; the request goes on with the age unknown, "
                    + "so minors rules do not apply to it: {}", e.getClass().getName());
            return signals;
        }
    }

    private @Nullable SubjectId customer(HttpServletRequest request) {
        try {
            return subjects.customer(request);
        } catch (IllegalArgumentException e) {
            rejections.warn("customer-id", "the subject resolver gave an invalid customer id; the request is treated as anonymous: {}",
                    String.valueOf(e.getMessage()));
            return null;
        }
    }
}
