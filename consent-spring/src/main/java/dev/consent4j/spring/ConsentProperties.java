package dev.consent4j.spring;

import dev.consent4j.servlet.ConsentCookieSettings;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.ConsentFilter.UndeclaredCookieMode;
import dev.consent4j.state.ConsentSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of consent4j under {@code consent.*}. */
@ConfigurationProperties("consent")
public class ConsentProperties {

    /** Whether consent4j is active; when false the filter passes every request through untouched. */
    private boolean enabled = true;

    /** Where the policy file is (YAML or JSON). */
    private String policyLocation = "classpath:consent-policy.yaml";

    /** Path under which the customer-facing endpoints are mounted. */
    private String basePath = "/consent";

    /** How long a grant stays valid, e.g. P6M; the policy's consent validity when unset. */
    private Period maxAge;

    /** Jurisdiction assumed when nothing else says where the shopper is, e.g. JP. */
    private String defaultJurisdiction = "ZZ";

    /** What a visitor's choices become when they sign in. */
    private ConsentSettings.CarryOver carryOver = ConsentSettings.CarryOver.RESTRICTIVE;

    /** What to do with cookies the policy does not declare. */
    private UndeclaredCookieMode undeclaredCookies = UndeclaredCookieMode.REPORT;

    private final Jurisdiction jurisdiction = new Jurisdiction();
    private final Gpc gpc = new Gpc();
    private final Cookie cookie = new Cookie();
    private final Signing signing = new Signing();
    private final Csp csp = new Csp();
    private final Guard guard = new Guard();
    private final Unsubscribe unsubscribe = new Unsubscribe();
    private final Guardian guardian = new Guardian();
    private final Store store = new Store();
    private final Provision provision = new Provision();
    private final Requests requests = new Requests();
    private final Pages pages = new Pages();
    private final Outbox outbox = new Outbox();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPolicyLocation() {
        return policyLocation;
    }

    public void setPolicyLocation(String policyLocation) {
        this.policyLocation = policyLocation;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public Period getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Period maxAge) {
        this.maxAge = maxAge;
    }

    public String getDefaultJurisdiction() {
        return defaultJurisdiction;
    }

    public void setDefaultJurisdiction(String defaultJurisdiction) {
        this.defaultJurisdiction = defaultJurisdiction;
    }

    public ConsentSettings.CarryOver getCarryOver() {
        return carryOver;
    }

    public void setCarryOver(ConsentSettings.CarryOver carryOver) {
        this.carryOver = carryOver;
    }

    public UndeclaredCookieMode getUndeclaredCookies() {
        return undeclaredCookies;
    }

    public void setUndeclaredCookies(UndeclaredCookieMode undeclaredCookies) {
        this.undeclaredCookies = undeclaredCookies;
    }

    public Jurisdiction getJurisdiction() {
        return jurisdiction;
    }

    public Gpc getGpc() {
        return gpc;
    }

    public Cookie getCookie() {
        return cookie;
    }

    public Signing getSigning() {
        return signing;
    }

    public Csp getCsp() {
        return csp;
    }

    public Guard getGuard() {
        return guard;
    }

    public Unsubscribe getUnsubscribe() {
        return unsubscribe;
    }

    public Guardian getGuardian() {
        return guardian;
    }

    public Provision getProvision() {
        return provision;
    }

    public Pages getPages() {
        return pages;
    }

    public Outbox getOutbox() {
        return outbox;
    }

    public Requests getRequests() {
        return requests;
    }

    /** The third-party provision ledger (APPI art. 29). */
    public static class Provision {

        /** How long provision records are kept after the last provision; the law asks for 3 years. */
        private Period retention = Period.ofYears(3);

        public Period getRetention() {
            return retention;
        }

        public void setRetention(Period retention) {
            this.retention = retention;
        }
    }

    /** Personal requests (disclosure, correction, stop of use or provision, erasure). */
    public static class Requests {

        /**
         * Answer deadlines per jurisdiction code, e.g. {@code consent.requests.deadlines.JP=P14D};
         * added to the defaults (JP 14 days, EU 1 month, US 45 days, elsewhere 30 days).
         */
        private Map<String, Period> deadlines = new LinkedHashMap<>();

        public Map<String, Period> getDeadlines() {
            return deadlines;
        }

        public void setDeadlines(Map<String, Period> deadlines) {
            this.deadlines = deadlines;
        }
    }

    public Store getStore() {
        return store;
    }

    /** Where the shopper is. */
    public static class Jurisdiction {

        /**
         * How the jurisdiction of a request is found: {@code fixed} (consent.default-jurisdiction
         * for every request), or the country headers of the one CDN every request passes through —
         * {@code cloudflare}, {@code cloudfront}, {@code vercel} — or {@code header:<country header>}
         * with an optional {@code :<region header>} for any other. Never more than one CDN: a client
         * can send the headers of any CDN it does not pass through.
         */
        private String from = "fixed";

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }
    }

    /** Global Privacy Control. */
    public static class Gpc {

        /** Jurisdictions where Sec-GPC opts out of sale, sharing and targeted advertising; US covers every state. */
        private Set<String> honouredIn = new LinkedHashSet<>(Set.of("US"));

        public Set<String> getHonouredIn() {
            return honouredIn;
        }

        public void setHonouredIn(Set<String> honouredIn) {
            this.honouredIn = honouredIn;
        }
    }

    /** The consent cookie. */
    public static class Cookie {

        /** Base name; over HTTPS the cookie is __Host-{name}. */
        private String name = "consent";

        /** When the cookie is marked Secure (and gets the __Host- prefix). */
        private ConsentCookieSettings.Secure secure = ConsentCookieSettings.Secure.AUTO;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public ConsentCookieSettings.Secure getSecure() {
            return secure;
        }

        public void setSecure(ConsentCookieSettings.Secure secure) {
            this.secure = secure;
        }
    }

    /** Keys that sign the consent cookie and unsubscribe links. */
    public static class Signing {

        /**
         * Signing keys, newest first: the first signs, all verify. Without any, a random key is made
         * at start, so cookies and links do not survive a restart or work across nodes.
         */
        private List<Key> keys = new ArrayList<>();

        public List<Key> getKeys() {
            return keys;
        }

        public void setKeys(List<Key> keys) {
            this.keys = keys;
        }

        /** One key. */
        public static class Key {

            /** Key id carried in signed values (letters, digits, '-', '_'; up to 16). */
            private String id;

            /** The secret, Base64, at least 32 bytes. Keep it out of source control. */
            private String secret;

            public String getId() {
                return id;
            }

            public void setId(String id) {
                this.id = id;
            }

            public String getSecret() {
                return secret;
            }

            public void setSecret(String secret) {
                this.secret = secret;
            }

            @Override
            public String toString() {
                return "Key[" + id + "]";
            }
        }
    }

    /** Content-Security-Policy that opens only consented trackers' hosts. */
    public static class Csp {

        /** OFF, REPORT_ONLY or ENFORCE. */
        private CspMode mode = CspMode.OFF;

        /** The shop's own policy the tracker hosts are added to, e.g. default-src 'self'. */
        private String basePolicy = "default-src 'self'";

        /** Whether browsers report violations to {base-path}/csp-report. */
        private boolean report = true;

        public CspMode getMode() {
            return mode;
        }

        public void setMode(CspMode mode) {
            this.mode = mode;
        }

        public String getBasePolicy() {
            return basePolicy;
        }

        public void setBasePolicy(String basePolicy) {
            this.basePolicy = basePolicy;
        }

        public boolean isReport() {
            return report;
        }

        public void setReport(boolean report) {
            this.report = report;
        }
    }

    /** The @RequiresConsent guard on controllers. */
    public static class Guard {

        /** Status answered when a guarded handler lacks consent. */
        private int status = 403;

        public int getStatus() {
            return status;
        }

        public void setStatus(int status) {
            this.status = status;
        }
    }

    /** One-click unsubscribe links. */
    /** The public pages the endpoints serve: the disclosure and one-click unsubscribe. */
    public static class Pages {

        /** Where their link back to the shop goes; empty for no link. */
        private String home = "/";

        /** Stylesheets they load after the library's page.css, e.g. one setting the --c4j-* properties. */
        private List<String> themes = new ArrayList<>();

        public String getHome() {
            return home;
        }

        public void setHome(String home) {
            this.home = home;
        }

        public List<String> getThemes() {
            return themes;
        }

        public void setThemes(List<String> themes) {
            this.themes = themes;
        }
    }

    public static class Unsubscribe {

        /** How long links in sent mail keep working. */
        private Duration validity = Duration.ofDays(365);

        /** Public HTTPS address of the endpoints, e.g. https://shop.example/consent; enables UnsubscribeLinks. */
        private URI publicBaseUrl;

        /** An address for mail-based unsubscribe in List-Unsubscribe too. */
        private String mailto;

        public Duration getValidity() {
            return validity;
        }

        public void setValidity(Duration validity) {
            this.validity = validity;
        }

        public URI getPublicBaseUrl() {
            return publicBaseUrl;
        }

        public void setPublicBaseUrl(URI publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
        }

        public String getMailto() {
            return mailto;
        }

        public void setMailto(String mailto) {
            this.mailto = mailto;
        }
    }

    /** A guardian's consent for a minor's account. */
    public static class Guardian {

        /** How long a guardian-consent link keeps working. */
        private Duration linkValidity = Duration.ofDays(7);

        /**
         * Public address of the endpoints, e.g. https://shop.example/consent (HTTPS; http only for
         * localhost); enables GuardianLinks.
         */
        private URI publicBaseUrl;

        /**
         * Also take a guardian's consent posted from the minor's own signed-in session. Off: a minor
         * could grant it themselves. Only for shops whose own screen has the guardian present.
         */
        private boolean allowFromSession = false;

        public Duration getLinkValidity() {
            return linkValidity;
        }

        public void setLinkValidity(Duration linkValidity) {
            this.linkValidity = linkValidity;
        }

        public URI getPublicBaseUrl() {
            return publicBaseUrl;
        }

        public void setPublicBaseUrl(URI publicBaseUrl) {
            this.publicBaseUrl = publicBaseUrl;
        }

        public boolean isAllowFromSession() {
            return allowFromSession;
        }

        public void setAllowFromSession(boolean allowFromSession) {
            this.allowFromSession = allowFromSession;
        }
    }

    /** Where proof of consent is kept. */
    public static class Store {

        /** AUTO uses JDBC when a DataSource exists; MEMORY only for demos and tests. */
        private Type type = Type.AUTO;

        /**
         * How long a page waits for a signed-in customer's stored state before it goes on with the
         * fail-closed state (only the consent cookie's choices count); see the filter's
         * {@code storeTimeout}. At most a minute.
         */
        private Duration timeout = dev.consent4j.servlet.ConsentFilter.DEFAULT_STORE_TIMEOUT;

        private final Jdbc jdbc = new Jdbc();
        private final Cache cache = new Cache();

        public Type getType() {
            return type;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public void setType(Type type) {
            this.type = type;
        }

        public Jdbc getJdbc() {
            return jdbc;
        }

        public Cache getCache() {
            return cache;
        }

        /** The kind of store. */
        public enum Type {
            AUTO, JDBC, MEMORY
        }

        /** The JDBC store. */
        public static class Jdbc {

            /** When to create the tables: EMBEDDED (only for an embedded database), ALWAYS or NEVER. */
            private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

            /** Prefix of the store's table names. */
            private String tablePrefix = "consent_";

            public InitializeSchema getInitializeSchema() {
                return initializeSchema;
            }

            public void setInitializeSchema(InitializeSchema initializeSchema) {
                this.initializeSchema = initializeSchema;
            }

            public String getTablePrefix() {
                return tablePrefix;
            }

            public void setTablePrefix(String tablePrefix) {
                this.tablePrefix = tablePrefix;
            }

            /** When the schema is created. */
            public enum InitializeSchema {
                EMBEDDED, ALWAYS, NEVER
            }
        }

        /** The cache in front of the store. */
        public static class Cache {

            /** Whether subjects' events are cached (invalidated on every write). */
            private boolean enabled = true;

            /** How many subjects are kept. */
            private long maximumSize = 10_000;

            /** How long an entry may serve other nodes' writes late (when no notification arrives). */
            private Duration expireAfterWrite = Duration.ofSeconds(1);

            /**
             * On PostgreSQL, whether appends notify the other nodes (LISTEN/NOTIFY on channel
             * {@code <table-prefix>changes}) so their caches forget the subjects at once.
             */
            private boolean listen = true;

            public boolean isListen() {
                return listen;
            }

            public void setListen(boolean listen) {
                this.listen = listen;
            }

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public long getMaximumSize() {
                return maximumSize;
            }

            public void setMaximumSize(long maximumSize) {
                this.maximumSize = maximumSize;
            }

            public Duration getExpireAfterWrite() {
                return expireAfterWrite;
            }

            public void setExpireAfterWrite(Duration expireAfterWrite) {
                this.expireAfterWrite = expireAfterWrite;
            }
        }
    }

    /** Consent changes sent to the systems that act on them: the outbox, its dispatcher and its webhooks. */
    public static class Outbox {

        /**
         * Whether each append that changes a decision writes an outbox row in its transaction (the
         * JDBC store needs the outbox-<database>.sql table). Off by default: a shop without it pays nothing.
         */
        private boolean enabled;

        /** Whether this node runs a dispatcher; every node may (they share the work without a coordinator). */
        private boolean dispatch = true;

        /** Messages claimed per poll. */
        private int batchSize = 100;

        /** After this, a poll hands out no more messages; bounds how long claimed rows stay locked. */
        private Duration maxPollTime = Duration.ofSeconds(10);

        /** Failed attempts after which a message becomes a dead letter. */
        private int maxAttempts = 12;

        /** The retry back-off's first ceiling, doubled per attempt, with jitter. */
        private Duration firstRetryAfter = Duration.ofSeconds(1);

        /** The retry back-off's largest ceiling. */
        private Duration maxRetryAfter = Duration.ofMinutes(15);

        /** How long the dispatcher waits after a poll that found less than a batch, unless an append wakes it (PostgreSQL). */
        private Duration idleWait = Duration.ofSeconds(1);

        /** Signed webhooks, by name (e.g. the recipient's id): each gets every message. */
        private Map<String, Webhook> webhooks = new LinkedHashMap<>();

        private final Kafka kafka = new Kafka();

        public Kafka getKafka() {
            return kafka;
        }

        /** A Kafka topic that gets every message, keyed by subject (needs consent-kafka on the class path). */
        public static class Kafka {

            /** The topic; no Kafka sink without it. */
            private String topic;

            /** Producer settings, e.g. bootstrap.servers; acks=all and idempotence unless set here. */
            private Map<String, String> producer = new LinkedHashMap<>();

            /** How long a delivery waits for the broker's acknowledgement. */
            private Duration sendTimeout = Duration.ofSeconds(30);

            public String getTopic() {
                return topic;
            }

            public void setTopic(String topic) {
                this.topic = topic;
            }

            public Map<String, String> getProducer() {
                return producer;
            }

            public void setProducer(Map<String, String> producer) {
                this.producer = producer;
            }

            public Duration getSendTimeout() {
                return sendTimeout;
            }

            public void setSendTimeout(Duration sendTimeout) {
                this.sendTimeout = sendTimeout;
            }
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isDispatch() {
            return dispatch;
        }

        public void setDispatch(boolean dispatch) {
            this.dispatch = dispatch;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getMaxPollTime() {
            return maxPollTime;
        }

        public void setMaxPollTime(Duration maxPollTime) {
            this.maxPollTime = maxPollTime;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getFirstRetryAfter() {
            return firstRetryAfter;
        }

        public void setFirstRetryAfter(Duration firstRetryAfter) {
            this.firstRetryAfter = firstRetryAfter;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        public Duration getIdleWait() {
            return idleWait;
        }

        public void setIdleWait(Duration idleWait) {
            this.idleWait = idleWait;
        }

        public Map<String, Webhook> getWebhooks() {
            return webhooks;
        }

        public void setWebhooks(Map<String, Webhook> webhooks) {
            this.webhooks = webhooks;
        }

        /** One webhook endpoint. */
        public static class Webhook {

            /** Where to post: https, or http to this machine with allow-plain-http-to-loopback. */
            private URI url;

            /**
             * The keys that sign this endpoint's requests, newest first, shared with its receiver only
             * (never the cookie keys: whoever verifies an HMAC can also make one).
             */
            private List<Signing.Key> keys = new ArrayList<>();

            /** How long connecting may take. */
            private Duration connectTimeout = Duration.ofSeconds(3);

            /** How long a request may take, answer included. */
            private Duration requestTimeout = Duration.ofSeconds(10);

            /** Allows http to an endpoint on this machine: tests and local relays. */
            private boolean allowPlainHttpToLoopback;

            /**
             * A recipient the policy declares: the webhook then gets only the opt-outs, withdrawals and
             * stop-provision requests of the purposes it receives data for, each recorded in the
             * provision ledger as notified. Without it, the webhook gets every message.
             */
            private String recipient;

            public String getRecipient() {
                return recipient;
            }

            public void setRecipient(String recipient) {
                this.recipient = recipient;
            }

            public URI getUrl() {
                return url;
            }

            public void setUrl(URI url) {
                this.url = url;
            }

            public List<Signing.Key> getKeys() {
                return keys;
            }

            public void setKeys(List<Signing.Key> keys) {
                this.keys = keys;
            }

            public Duration getConnectTimeout() {
                return connectTimeout;
            }

            public void setConnectTimeout(Duration connectTimeout) {
                this.connectTimeout = connectTimeout;
            }

            public Duration getRequestTimeout() {
                return requestTimeout;
            }

            public void setRequestTimeout(Duration requestTimeout) {
                this.requestTimeout = requestTimeout;
            }

            public boolean isAllowPlainHttpToLoopback() {
                return allowPlainHttpToLoopback;
            }

            public void setAllowPlainHttpToLoopback(boolean allowPlainHttpToLoopback) {
                this.allowPlainHttpToLoopback = allowPlainHttpToLoopback;
            }
        }
    }
}
