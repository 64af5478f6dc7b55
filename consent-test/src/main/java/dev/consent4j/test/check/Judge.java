package dev.consent4j.test.check;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.match.HostMatcher;
import dev.consent4j.policy.CookieCategory;
import dev.consent4j.policy.CookieDeclaration;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Tracker;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.test.Finding;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Compares what a response or a page did with the policy, under one visitor's {@link ConsentState}.
 * Whether a category or purpose is allowed is always the state's answer (the library's one
 * decision function); this class only finds which category or purpose an item belongs to and words
 * the finding.
 */
public final class Judge {

    private final Policy policy;
    private final HostMatcher<Recipient> recipientHosts;

    public Judge(Policy policy) {
        this.policy = policy;
        HostMatcher.Builder<Recipient> hosts = HostMatcher.builder();
        for (Recipient recipient : policy.recipients()) {
            for (String host : recipient.hosts()) {
                hosts.add(host, recipient);
            }
        }
        this.recipientHosts = hosts.build();
    }

    public Policy policy() {
        return policy;
    }

    /**
     * A cookie (or, with {@code storage} {@code local-storage}, a web-storage key) the response or
     * page set.
     *
     * @param who    who saw it, e.g. "for a first-time visitor in JP"
     * @param domain the domain it was set on, for the suggestion, or {@code null}
     * @param setBy  {@code server} or {@code script}, for the suggestion
     * @return the finding, or empty when the cookie is declared and its category allowed
     */
    public Optional<Finding> cookie(String name, ConsentState state, String who, @Nullable String domain, String setBy,
            String storage) {
        boolean web = !"cookie".equals(storage);
        String what = (web ? "storage key `" : "cookie `") + LogSafe.text(name) + "`";
        CookieCategory category = policy.categoryOfCookieOrNull(name);
        CookieDeclaration declaration = category == null ? null : policy.declarationOfCookieOrNull(name);
        if (category == null || declaration == null || web != !declaration.isCookie()) {
            return Optional.of(new Finding(web ? Finding.Kind.UNDECLARED_STORAGE_KEY : Finding.Kind.UNDECLARED_COOKIE, name, null,
                    what + " (no category: policy " + policy.id() + " " + policy.version() + " declares no such "
                            + (web ? "storage key" : "cookie") + ") was set " + who,
                    Suggestions.cookie(name, domain, setBy, storage)));
        }
        Decision decision = state.category(category.id());
        if (decision.allowed()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(web ? Finding.Kind.STORAGE_KEY_NOT_ALLOWED : Finding.Kind.COOKIE_NOT_ALLOWED, name,
                category.id(), what + " " + Wording.category(category, state) + " was set " + Wording.when(decision) + ", " + who,
                null));
    }

    /**
     * A cookie seen with {@code lifetimeSeconds} left, which rests on a grant (its category's
     * decision is {@link dev.consent4j.state.Reason#GRANTED}): the policy does not let consent last
     * longer than {@code validity}, so a cookie kept beyond it (plus a day for rounding) outlives
     * the consent it rests on.
     */
    public Optional<Finding> lifetime(String name, long lifetimeSeconds, ConsentState state, java.time.Period validity,
            String who) {
        CookieCategory category = policy.categoryOfCookieOrNull(name);
        if (category == null || lifetimeSeconds < 0) {
            return Optional.empty();
        }
        Decision decision = state.category(category.id());
        if (decision.reason() != dev.consent4j.state.Reason.GRANTED) {
            return Optional.empty();
        }
        java.time.Instant now = state.evaluatedAt();
        long allowed = java.time.Duration.between(now, now.atOffset(java.time.ZoneOffset.UTC).plus(validity).toInstant())
                .plusDays(1).toSeconds();
        if (lifetimeSeconds <= allowed) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.Kind.COOKIE_OUTLIVES_CONSENT, name, category.id(), "cookie `" + name + "` "
                + Wording.category(category, state) + " lives " + lifetimeSeconds / 86_400 + " days, longer than the "
                + validity + " consent it rests on lasts, " + who, null));
    }

    /**
     * A third-party host the response opened or the page contacted.
     *
     * @param how e.g. "the CSP opens", "the page loads a script from", "the browser contacted"
     * @return the finding, or empty when a tracker of an allowed category (or a recipient whose
     *         purposes are all allowed) declares the host
     */
    public Optional<Finding> host(String host, ConsentState state, String how, String who) {
        Optional<Tracker> tracker = policy.trackerOfHost(host);
        if (tracker.isPresent()) {
            CookieCategory category = policy.cookieCategory(tracker.get().category()).orElseThrow();
            Decision decision = state.category(category.id());
            if (decision.allowed()) {
                return Optional.empty();
            }
            return Optional.of(new Finding(Finding.Kind.HOST_NOT_ALLOWED, host, category.id(), how + " host `" + LogSafe.text(host)
                    + "` (tracker " + tracker.get().id() + ", " + Wording.category(category, state).substring(1) + " "
                    + Wording.when(decision) + ", " + who, null));
        }
        Recipient recipient = recipientHosts.match(host);
        if (recipient != null) {
            for (String purposeId : recipient.purposes()) {
                Decision decision = state.purpose(purposeId);
                if (!decision.allowed()) {
                    return Optional.of(new Finding(Finding.Kind.HOST_NOT_ALLOWED, host, null, how + " host `" + LogSafe.text(host)
                            + "` (recipient " + recipient.id() + ", purpose " + purposeId + ", basis "
                            + policy.purpose(purposeId).orElseThrow().basis().in(state.signals().jurisdiction()).id() + " in "
                            + state.signals().jurisdiction().code() + ") " + Wording.when(decision) + ", " + who, null));
                }
            }
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.Kind.UNDECLARED_HOST, host, null, how + " host `" + LogSafe.text(host)
                + "` (no category: no tracker or recipient of policy " + policy.id() + " " + policy.version()
                + " declares it), " + who, Suggestions.host(host)));
    }
}
