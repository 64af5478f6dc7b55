package dev.consent4j.servlet;

import dev.consent4j.ConsentManager;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.cookie.ConsentCookieCodec;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Policy;
import dev.consent4j.signing.Rejection;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.state.Choice;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of the consent cookie: its codec and lifetime, its name and {@code Secure} flag
 * for a request, reading it from a request and the {@code Set-Cookie} that issues it. Which
 * choices a new cookie holds is decided here too ({@link #of}).
 */
final class ConsentCookies {

    private final ConsentCookieCodec codec;
    private final ConsentCookieSettings settings;
    private final Clock clock;
    private final RateLimitedLog rejections;

    ConsentCookies(ConsentManager consents, SigningKeys keys, ConsentCookieSettings settings, RateLimitedLog rejections) {
        this.codec = new ConsentCookieCodec(keys, lifetime(consents));
        this.settings = settings;
        this.clock = consents.clock();
        this.rejections = rejections;
    }

    ConsentCookieCodec codec() {
        return codec;
    }

    ConsentCookieSettings settings() {
        return settings;
    }

    /** The cookie's name for a request that is ({@code true}) or is not secure. */
    String name(boolean secureRequest) {
        return settings.nameFor(secureRequest);
    }

    /**
     * The verified cookie the request carries, or {@code null} when it carries none or one that
     * is not to be trusted (logged at most once a minute per reason; an expired one silently).
     */
    ConsentCookieCodec.@Nullable Result read(HttpServletRequest request, Instant now) {
        String value = RequestHeaders.cookie(request, name(request.isSecure()));
        if (value == null) {
            return null;
        }
        ConsentCookieCodec.Result result = codec.decode(value, now);
        if (!result.trusted()) {
            Rejection rejection = Objects.requireNonNull(result.rejection(), "an untrusted result says why");
            if (rejection != Rejection.EXPIRED) {
                rejections.warn(rejection.name(), "ignored a consent cookie ({}): treated as no choice yet", rejection);
            }
            return null;
        }
        return result;
    }

    /** The {@code Set-Cookie} value that issues {@code cookie}, living what is left of its lifetime. */
    String issue(ConsentCookie cookie, boolean secureRequest) {
        Duration remaining = codec.lifetime().minus(Duration.between(cookie.madeAt(), clock.instant()));
        return SetCookieHeaders.cookie(name(secureRequest), codec.encode(cookie), remaining,
                settings.isSecure(secureRequest), true);
    }

    /**
     * A visitor's cookie holding {@code latestChoices}: every standing choice on a cookie category
     * or purpose {@code policy} still declares, whatever version it was made under, each with its
     * own version, time and actor. Channel choices stay with customers.
     *
     * @param linked whether the cookie the request carried was already linked to a customer
     */
    static ConsentCookie of(Policy policy, SubjectId visitor, Collection<Choice> latestChoices, Instant now, boolean linked) {
        List<Choice> standing = new ArrayList<>();
        Instant newest = now;
        for (Choice choice : latestChoices) {
            Topic topic = choice.topic();
            boolean declared = switch (topic.kind()) {
                case CATEGORY -> policy.cookieCategory(topic.id()).isPresent();
                case PURPOSE -> policy.purpose(topic.id()).isPresent();
                case CONTACT -> false;
            };
            if (declared) {
                standing.add(choice);
                // The cookie's time is when it is issued, never before a choice it holds (clocks of nodes differ).
                newest = choice.at().isAfter(newest) ? choice.at() : newest;
            }
        }
        return new ConsentCookie(visitor, newest, standing, linked);
    }

    /** How long a consent cookie is trusted: the shorter of the policy's validity and the settings' maximum age. */
    static Duration lifetime(ConsentManager consents) {
        Period validity = consents.policy().consentValidity();
        Period maxAge = consents.settings().maxAge();
        Instant now = consents.clock().instant();
        Duration lifetime = Duration.between(now, now.atOffset(ZoneOffset.UTC).plus(validity).toInstant());
        if (maxAge != null) {
            Duration max = Duration.between(now, now.atOffset(ZoneOffset.UTC).plus(maxAge).toInstant());
            lifetime = max.compareTo(lifetime) < 0 ? max : lifetime;
        }
        return lifetime;
    }
}
