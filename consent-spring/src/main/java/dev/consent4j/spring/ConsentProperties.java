package dev.consent4j.spring;

import dev.consent4j.servlet.ConsentCookieSettings;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.ConsentFilter.UndeclaredCookieMode;
import dev.consent4j.state.ConsentSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of consent4j under {@code consent.*}, one nested record per concern, bound through their
 * constructors. The descriptions of the configuration metadata are the {@code @param} texts.
 *
 * @param enabled Whether consent4j is active; when false the filter passes every request through untouched.
 * @param policyLocation Where the policy file is (YAML or JSON).
 * @param basePath Path under which the customer-facing endpoints are mounted.
 * @param maxAge How long a grant stays valid, e.g. P6M; the policy's consent validity when unset.
 * @param defaultJurisdiction Jurisdiction assumed when nothing else says where the shopper is, e.g. JP.
 * @param carryOver What a visitor's choices become when they sign in.
 * @param undeclaredCookies What to do with cookies the policy does not declare.
 * @param jurisdiction where the shopper is
 * @param gpc Global Privacy Control
 * @param cookie the consent cookie
 * @param signing keys that sign the consent cookie and links
 * @param csp the Content-Security-Policy header
 * @param guard the @RequiresConsent guard
 * @param unsubscribe one-click unsubscribe links
 * @param guardian a guardian's consent for a minor
 * @param store where proof of consent is kept
 * @param provision the third-party provision ledger
 * @param requests personal requests
 * @param pages the public pages
 * @param outbox consent changes sent to other systems
 */
@ConfigurationProperties("consent")
public record ConsentProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("classpath:consent-policy.yaml") String policyLocation,
        @DefaultValue("/consent") String basePath,
        Period maxAge,
        @DefaultValue("ZZ") String defaultJurisdiction,
        @DefaultValue("restrictive") ConsentSettings.CarryOver carryOver,
        @DefaultValue("report") UndeclaredCookieMode undeclaredCookies,
        @DefaultValue Jurisdiction jurisdiction,
        @DefaultValue Gpc gpc,
        @DefaultValue Cookie cookie,
        @DefaultValue Signing signing,
        @DefaultValue Csp csp,
        @DefaultValue Guard guard,
        @DefaultValue Unsubscribe unsubscribe,
        @DefaultValue Guardian guardian,
        @DefaultValue Store store,
        @DefaultValue Provision provision,
        @DefaultValue Requests requests,
        @DefaultValue Pages pages,
        @DefaultValue Outbox outbox) {

    /**
     * Where the shopper is.
     *
     * @param from How the jurisdiction of a request is found: {@code fixed} (consent.default-jurisdiction
     *     for every request), or the country headers of the one CDN every request passes through —
     *     {@code cloudflare}, {@code cloudfront}, {@code vercel} — or {@code header:<country header>}
     *     with an optional {@code :<region header>} for any other. Never more than one CDN: a client
     *     can send the headers of any CDN it does not pass through.
     */
    public record Jurisdiction(@DefaultValue("fixed") String from) {
    }

    /**
     * Global Privacy Control.
     *
     * @param honouredIn Jurisdictions where Sec-GPC opts out of sale, sharing and targeted advertising; US covers every state.
     */
    public record Gpc(@DefaultValue("US") Set<String> honouredIn) {
    }

    /**
     * The consent cookie.
     *
     * @param name Base name; over HTTPS the cookie is __Host-{name}.
     * @param secure When the cookie is marked Secure (and gets the __Host- prefix).
     */
    public record Cookie(@DefaultValue("consent") String name,
            @DefaultValue("auto") ConsentCookieSettings.Secure secure) {
    }

    /**
     * Keys that sign the consent cookie and unsubscribe links.
     *
     * @param keys Signing keys, newest first: the first signs, all verify. Without any, a random key is made
     *     at start, so cookies and links do not survive a restart or work across nodes.
     */
    public record Signing(@DefaultValue List<Key> keys) {

        /**
         * One key.
         *
         * @param id Key id carried in signed values (letters, digits, '-', '_'; up to 16).
         * @param secret The secret, Base64, at least 32 bytes. Keep it out of source control.
         */
        public record Key(String id, String secret) {

            /** Names the key without its secret, so a logged or reported binding never shows it. */
            @Override
            public String toString() {
                return "Key[" + id + "]";
            }
        }
    }

    /**
     * Content-Security-Policy that opens only consented trackers' hosts.
     *
     * @param mode OFF, REPORT_ONLY or ENFORCE.
     * @param basePolicy The shop's own policy the tracker hosts are added to, e.g. default-src 'self'.
     * @param report Whether browsers report violations to {base-path}/csp-report.
     */
    public record Csp(@DefaultValue("off") CspMode mode, @DefaultValue("default-src 'self'") String basePolicy,
            @DefaultValue("true") boolean report) {
    }

    /**
     * The @RequiresConsent guard on controllers.
     *
     * @param status Status answered when a guarded handler lacks consent.
     */
    public record Guard(@DefaultValue("403") int status) {
    }

    /**
     * One-click unsubscribe links.
     *
     * @param validity How long links in sent mail keep working.
     * @param publicBaseUrl Public HTTPS address of the endpoints, e.g. https://shop.example/consent; enables UnsubscribeLinks.
     * @param mailto An address for mail-based unsubscribe in List-Unsubscribe too.
     */
    public record Unsubscribe(@DefaultValue("365d") Duration validity, URI publicBaseUrl, String mailto) {
    }

    /**
     * A guardian's consent for a minor's account.
     *
     * @param linkValidity How long a guardian-consent link keeps working.
     * @param publicBaseUrl Public address of the endpoints, e.g. https://shop.example/consent (HTTPS; http only for
     *     localhost); enables GuardianLinks.
     * @param allowFromSession Also take a guardian's consent posted from the minor's own signed-in session. Off: a minor
     *     could grant it themselves. Only for shops whose own screen has the guardian present.
     */
    public record Guardian(@DefaultValue("7d") Duration linkValidity, URI publicBaseUrl, boolean allowFromSession) {
    }

    /**
     * The third-party provision ledger (APPI art. 29).
     *
     * @param retention How long provision records are kept after the last provision; the law asks for 3 years.
     */
    public record Provision(@DefaultValue("3y") Period retention) {
    }

    /**
     * Personal requests (disclosure, correction, stop of use or provision, erasure).
     *
     * @param deadlines Answer deadlines per jurisdiction code, e.g. {@code consent.requests.deadlines.JP=P14D};
     *     added to the defaults (JP 14 days, EU 1 month, US 45 days, elsewhere 30 days).
     */
    public record Requests(@DefaultValue Map<String, Period> deadlines) {
    }

    /**
     * The public pages the endpoints serve: the disclosure and one-click unsubscribe.
     *
     * @param home Where their link back to the shop goes; empty for no link.
     * @param themes Stylesheets they load after the library's page.css, e.g. one setting the --c4j-* properties.
     */
    public record Pages(@DefaultValue("/") String home, @DefaultValue List<String> themes) {
    }

    /**
     * Where proof of consent is kept.
     *
     * @param type AUTO uses JDBC when a DataSource exists; MEMORY only for demos and tests.
     * @param timeout How long a page waits for a signed-in customer's stored state before it goes on with the
     *     fail-closed state (only the consent cookie's choices count); see the filter's
     *     {@code storeTimeout}. At most a minute.
     * @param jdbc the JDBC store
     * @param cache the cache in front of the store
     */
    public record Store(@DefaultValue("auto") Type type, Duration timeout, @DefaultValue Jdbc jdbc,
            @DefaultValue Cache cache) {

        /** The filter's own default when {@code timeout} is not set, so the two never disagree. */
        public Store {
            timeout = timeout == null ? ConsentFilter.DEFAULT_STORE_TIMEOUT : timeout;
        }

        /** The kind of store. */
        public enum Type {
            AUTO, JDBC, MEMORY
        }

        /**
         * The JDBC store.
         *
         * @param initializeSchema When to create the tables: EMBEDDED (only for an embedded database), ALWAYS or NEVER.
         * @param tablePrefix Prefix of the store's table names.
         */
        public record Jdbc(@DefaultValue("embedded") InitializeSchema initializeSchema,
                @DefaultValue("consent_") String tablePrefix) {

            /** When the schema is created. */
            public enum InitializeSchema {
                EMBEDDED, ALWAYS, NEVER
            }
        }

        /**
         * The cache in front of the store.
         *
         * @param enabled Whether subjects' events are cached (invalidated on every write).
         * @param maximumSize How many subjects are kept.
         * @param expireAfterWrite How long an entry may serve other nodes' writes late (when no notification arrives).
         * @param listen On PostgreSQL, whether appends notify the other nodes (LISTEN/NOTIFY on channel
         *     {@code <table-prefix>changes}) so their caches forget the subjects at once.
         * @param roundTripEvery With listen, how often the listening connection proves it is alive with a
         *     SELECT 1; the listener's own default (5 s) when unset.
         * @param roundTripTimeout With listen, how long that round trip, or any read on the listening
         *     connection, may take before the connection counts as dead and is opened again; the
         *     listener's own default (3 s) when unset.
         */
        public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") long maximumSize,
                @DefaultValue("1s") Duration expireAfterWrite, @DefaultValue("true") boolean listen,
                Duration roundTripEvery, Duration roundTripTimeout) {
        }
    }

    /**
     * Consent changes sent to the systems that act on them: the outbox, its dispatcher and its webhooks.
     *
     * @param enabled Whether each append that changes a decision writes an outbox row in its transaction (the
     *     JDBC store needs the outbox-<database>.sql table). Off by default: a shop without it pays nothing.
     * @param dispatch Whether this node runs a dispatcher; every node may (they share the work without a coordinator).
     * @param batchSize Messages claimed per poll.
     * @param maxPollTime After this, a poll hands out no more messages; bounds how long claimed rows stay locked.
     * @param maxAttempts Failed attempts after which a message becomes a dead letter.
     * @param firstRetryAfter The retry back-off's first ceiling, doubled per attempt, with jitter.
     * @param maxRetryAfter The retry back-off's largest ceiling.
     * @param idleWait How long the dispatcher waits after a poll that found less than a batch, unless an append wakes it (PostgreSQL).
     * @param webhooks Signed webhooks, by name (e.g. the recipient's id): each gets every message.
     * @param kafka a Kafka topic for every message
     */
    public record Outbox(boolean enabled, @DefaultValue("true") boolean dispatch, @DefaultValue("100") int batchSize,
            @DefaultValue("10s") Duration maxPollTime, @DefaultValue("12") int maxAttempts,
            @DefaultValue("1s") Duration firstRetryAfter, @DefaultValue("15m") Duration maxRetryAfter,
            @DefaultValue("1s") Duration idleWait, @DefaultValue Map<String, Webhook> webhooks,
            @DefaultValue Kafka kafka) {

        /**
         * A Kafka topic that gets every message, keyed by subject (needs consent-kafka on the class path).
         *
         * @param topic The topic; no Kafka sink without it.
         * @param producer Producer settings, e.g. bootstrap.servers; acks=all and idempotence unless set here.
         * @param sendTimeout How long a delivery waits for the broker's acknowledgement.
         */
        public record Kafka(String topic, @DefaultValue Map<String, String> producer,
                @DefaultValue("30s") Duration sendTimeout) {
        }

        /**
         * One webhook endpoint.
         *
         * @param url Where to post: https, or http to this machine with allow-plain-http-to-loopback.
         * @param keys The keys that sign this endpoint's requests, newest first, shared with its receiver only
         *     (never the cookie keys: whoever verifies an HMAC can also make one).
         * @param connectTimeout How long connecting may take.
         * @param requestTimeout How long a request may take, answer included.
         * @param allowPlainHttpToLoopback Allows http to an endpoint on this machine: tests and local relays.
         * @param recipient A recipient the policy declares: the webhook then gets only the opt-outs, withdrawals and
         *     stop-provision requests of the purposes it receives data for, each recorded in the
         *     provision ledger as notified. Without it, the webhook gets every message.
         */
        public record Webhook(URI url, @DefaultValue List<Signing.Key> keys, @DefaultValue("3s") Duration connectTimeout,
                @DefaultValue("10s") Duration requestTimeout, boolean allowPlainHttpToLoopback, String recipient) {
        }
    }
}
