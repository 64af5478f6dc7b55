package dev.consent4j;

import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.chain.EventChain;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.internal.log.RateLimitedLog;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.state.Choice;
import dev.consent4j.state.ConsentSettings;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Signals;
import dev.consent4j.store.Appended;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ConsentStoreException;
import dev.consent4j.store.CustomerQuery;
import dev.consent4j.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a shop's code talks to: records choices as evidence and answers "may I do this
 * for this person?" — one at a time or for a whole campaign audience.
 *
 * <pre>{@code
 * ConsentManager consents = ConsentManager.builder(policy, store).build();
 * consents.record(ChoiceRequest.of(customer, Topic.contact("newsletter", "email"), Action.GRANT,
 *         Source.ACCOUNT_PAGE, Jurisdiction.JP));
 * boolean send = consents.mayContact(customer, "newsletter", "email");
 * }</pre>
 *
 * <p>Thread-safe; holds no static state. Decisions are computed from the store on each call, so
 * put a caching store in front when the same subjects are asked about often.
 */
public final class ConsentManager {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentManager.class);

    private final Policy policy;
    private final ConsentStore store;
    private final Clock clock;
    private final ConsentSettings settings;
    private final StateFolder folder;
    private final List<ConsentObserver> observers;
    private final RateLimitedLog observerFailures;
    private final DeclaredTopics topics;
    private final BulkDecisions bulk;
    private final CarryOver carryOver;
    private final ChoiceEvents choiceEvents;

    private ConsentManager(Builder builder) {
        this.policy = builder.policy;
        this.store = builder.store;
        this.clock = builder.clock;
        this.settings = builder.settings;
        this.folder = new StateFolder(policy, settings);
        this.observers = List.copyOf(builder.observers);
        this.observerFailures = new RateLimitedLog(LOG, clock, Duration.ofMinutes(1));
        this.topics = new DeclaredTopics(policy);
        this.bulk = new BulkDecisions(store, folder, topics, clock);
        this.carryOver = new CarryOver(settings);
        this.choiceEvents = new ChoiceEvents(topics, store, policy.version(), clock);
    }

    public static Builder builder(Policy policy, ConsentStore store) {
        return new Builder(policy, store);
    }

    public Policy policy() {
        return policy;
    }

    public ConsentSettings settings() {
        return settings;
    }

    StateFolder folder() {
        return folder;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Validates and records choices, then returns the subject's new state (with the request's
     * jurisdiction and no other signals). Nothing is written when any choice is invalid. It reads
     * the chain's head and the subject's latest choice per topic, never the whole history, so it
     * costs the same for a subject with ten events as for one with ten thousand.
     *
     * @throws InvalidChoiceException when a topic is unknown, a channel is not declared for the
     *                                purpose, or a necessary topic is refused
     */
    public ConsentState record(ChoiceRequest request) {
        return record(request, Signals.of(request.jurisdiction())).state();
    }

    /**
     * {@link #record(ChoiceRequest)}, answering the new state under {@code signals} (a request's,
     * with its GPC signal) and the subject's latest choices, for a visitor's new cookie: everything
     * a choices endpoint answers with, from the one read of the latest events that recording makes
     * (none more when the store reads them in the append, as the JDBC store with an outbox does).
     * The state is the one {@link #state} would answer under the same signals, archived choices
     * included.
     *
     * @throws InvalidChoiceException as {@link #record(ChoiceRequest)} does
     */
    public Recorded record(ChoiceRequest request, Signals signals) {
        Objects.requireNonNull(signals, "signals");
        choiceEvents.validate(request);
        return recorded(request.subject(), appendReadingLatest(choiceEvents.of(request, null)), signals);
    }

    /**
     * Records {@code request} at most once for {@code onceKey}: its events get ids derived from the
     * subject and the key, and no store holds two events with one id, so a second call with the
     * same key — on this node or another, now or after a restart — records nothing. For single-use
     * links such as a guardian's consent (the key is the link's token id).
     *
     * @return the new state, or empty when something was already recorded for the key
     * @throws InvalidChoiceException as {@link #record} does
     */
    public Optional<ConsentState> recordOnce(String onceKey, ChoiceRequest request) {
        Objects.requireNonNull(onceKey, "onceKey");
        if (request.supersedes() != null) {
            throw new IllegalArgumentException("a correction is not recorded once per key; use record");
        }
        choiceEvents.validate(request);
        if (recordedOnce(request.subject(), onceKey)) {
            return Optional.empty();
        }
        Appended appended;
        try {
            appended = appendReadingLatest(choiceEvents.of(request, onceKey));
        } catch (ConsentStoreException e) {
            // Two writers with one key: the store refused the second's events whole.
            if (!(e instanceof StoreUnavailableException) && recordedOnce(request.subject(), onceKey)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(recorded(request.subject(), appended, Signals.of(request.jurisdiction())).state());
    }

    /** Whether {@link #recordOnce} recorded anything for {@code subject} and {@code onceKey}: one lookup by id. */
    public boolean recordedOnce(SubjectId subject, String onceKey) {
        return store.event(subject, ChoiceEvents.onceId(subject, onceKey, 0)).isPresent();
    }

    /**
     * The subject's state from its latest event on every topic, as the store keeps them: the same
     * decisions and archived choices as folding the whole chain ({@link StateFolder#latestChoices};
     * links have no topic, and a correction is on the topic it corrects and comes after it), at a
     * cost that does not grow with the history.
     */
    private Recorded recorded(SubjectId subject, Appended appended, Signals signals) {
        List<ConsentEvent> latest = appended.latest(subject);
        List<Choice> choices = new ArrayList<>(latest.size());
        for (ConsentEvent event : latest) {
            choices.add(Choice.of(event));
        }
        return new Recorded(folder.fold(subject, choices, signals, clock.instant()), choices);
    }

    /** The subject's decisions under the given signals. */
    public ConsentState state(SubjectId subject, Signals signals) {
        return folder.foldEvents(subject, store.events(subject), signals, clock.instant());
    }

    /** Whether the purpose is allowed for the subject, in the settings' default jurisdiction. */
    public boolean allows(SubjectId subject, String purposeId) {
        return state(subject, Signals.of(settings.defaultJurisdiction())).allows(purposeId);
    }

    public boolean allows(SubjectId subject, String purposeId, Signals signals) {
        return state(subject, signals).allows(purposeId);
    }

    /** Whether the subject may be contacted for the purpose on the channel (default jurisdiction). */
    public boolean mayContact(SubjectId subject, String purposeId, String channel) {
        return state(subject, Signals.of(settings.defaultJurisdiction())).mayContact(purposeId, channel);
    }

    public boolean mayContact(SubjectId subject, String purposeId, String channel, Signals signals) {
        return state(subject, signals).mayContact(purposeId, channel);
    }

    /** Whether a cookie may be set: its category is allowed. A cookie the policy does not declare is not. */
    public boolean cookieAllowed(ConsentState state, String cookieName) {
        return state.cookie(cookieName).map(Decision::allowed).orElse(false);
    }

    /** Everything recorded about the subject, their current decisions, and the chain's verification. */
    public ConsentHistory history(SubjectId subject, Signals signals) {
        List<ConsentEvent> events = store.events(subject);
        return new ConsentHistory(subject, events, folder.foldEvents(subject, events, signals, clock.instant()),
                EventChain.verify(events));
    }

    /**
     * Links a visitor to the customer who just logged in: appends a LINK event to the customer's
     * chain and, after it, the visitor's choices that carry over as {@link ConsentSettings#carryOver()}
     * says. Each carried event names the visitor ({@link ConsentEvent#linkedVisitor()}) and keeps the
     * visitor's policy version and time — the time so that carrying a grant over does not extend
     * its validity; being appended last is what makes it the customer's latest choice.
     *
     * @return the customer's new state
     */
    public ConsentState link(SubjectId visitor, SubjectId customer, Signals signals, Evidence evidence) {
        if (!visitor.isVisitor() || !customer.isCustomer()) {
            throw new IllegalArgumentException("link a visitor to a customer, not " + visitor + " to " + customer);
        }
        Instant now = clock.instant();
        append(carryOver.events(visitor, store.events(visitor), customer, store.events(customer), policy.version(),
                signals, evidence, now));
        return state(customer, signals);
    }

    /** Appends, then tells the observers what was stored; an observer's failure is logged, never thrown. */
    private void append(List<NewEvent> events) {
        tell(store.append(events));
    }

    /** {@link #append}, with the subjects' latest events after it. */
    private Appended appendReadingLatest(List<NewEvent> events) {
        Appended appended = store.appendReadingLatest(events);
        tell(appended.stored());
        return appended;
    }

    private void tell(List<ConsentEvent> stored) {
        for (ConsentObserver observer : observers) {
            try {
                observer.recorded(stored);
            } catch (RuntimeException e) {
                observerFailures.warn(observer.getClass().getName(), "a consent observer failed; the events are stored: {}",
                        e.getClass().getName() + ": " + LogSafe.text(e.getMessage()));
            }
        }
    }

    /**
     * Records a GPC opt-out of every sale, sharing and targeted-advertising purpose, once per
     * subject and policy version: repeated requests with the signal write nothing more.
     *
     * @return whether anything was recorded now
     */
    public boolean recordGpc(SubjectId subject, Signals signals, Evidence evidence) {
        if (!signals.gpc() || !settings.honoursGpc(signals.jurisdiction())) {
            return false;
        }
        List<ConsentEvent> existing = store.events(subject);
        Instant now = clock.instant();
        List<NewEvent> events = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            if (!purpose.coveredByGpc() || purpose.basis().in(signals.jurisdiction()) == Basis.NECESSARY) {
                continue;
            }
            Topic topic = Topic.purpose(purpose.id());
            boolean recorded = existing.stream().anyMatch(e -> e.source() == Source.GPC_SIGNAL
                    && topic.equals(e.topic()) && policy.version().equals(e.policyVersion()));
            if (!recorded) {
                events.add(NewEvent.of(subject, topic, Action.OBJECT, policy.version(), now,
                        Source.GPC_SIGNAL, Actor.SELF, signals.jurisdiction().code(), evidence, null, null));
            }
        }
        if (events.isEmpty()) {
            return false;
        }
        append(events);
        return true;
    }

    /**
     * The bulk audience filter: of {@code subjects}, those who may be contacted for the purpose on
     * the channel ({@code null} for the purpose alone) in {@code jurisdiction}. One store query for
     * the whole audience, not one per subject. Subjects with no choices follow the basis: included
     * for an opt-out purpose, left out for an opt-in one.
     */
    public List<SubjectId> audience(Collection<SubjectId> subjects, String purposeId, @Nullable String channel,
            Jurisdiction jurisdiction) {
        List<SubjectId> audience = new ArrayList<>();
        bulk.decide(subjects, purposeId, channel, jurisdiction, (subject, decision) -> {
            if (decision.allowed()) {
                audience.add(subject);
            }
        });
        return audience;
    }

    /**
     * The decision, with its reason and the event it rests on, for each of {@code subjects} on one
     * purpose (channel {@code null}) or purpose × channel, in one store query; in the order given.
     */
    public Map<SubjectId, Decision> decisions(Collection<SubjectId> subjects, String purposeId,
            @Nullable String channel,
            Jurisdiction jurisdiction) {
        Map<SubjectId, Decision> decisions = new LinkedHashMap<>();
        bulk.decide(subjects, purposeId, channel, jurisdiction, decisions::put);
        return decisions;
    }

    /**
     * The bulk audience filter over customers the database selects: those of {@code customers} who
     * may be contacted for the purpose on the channel ({@code null} for the purpose alone) in
     * {@code jurisdiction}, given to {@code sink} as they are read, in no particular order. The
     * database joins the shop's customer table with the store's tables: nothing is sent per
     * customer, only the columns a decision needs come back, and customers without choices (who
     * follow the basis) are streamed by the database without being folded.
     *
     * @throws UnsupportedOperationException when the store cannot run queries (only the JDBC store
     *         and decorators of it can; use {@link #audience(Collection, String, String, Jurisdiction)})
     */
    public void audience(CustomerQuery customers, String purposeId, @Nullable String channel, Jurisdiction jurisdiction,
            Consumer<SubjectId> sink) {
        bulk.audience(customers, purposeId, channel, jurisdiction, sink);
    }

    /** {@link #audience(CustomerQuery, String, String, Jurisdiction, Consumer)}, collected in a list. */
    public List<SubjectId> audience(CustomerQuery customers, String purposeId, @Nullable String channel,
            Jurisdiction jurisdiction) {
        List<SubjectId> audience = new ArrayList<>();
        audience(customers, purposeId, channel, jurisdiction, audience::add);
        return audience;
    }

    /** Builds a {@link ConsentManager}; the clock defaults to UTC system time. */
    public static final class Builder {
        private final Policy policy;
        private final ConsentStore store;
        private Clock clock = Clock.systemUTC();
        private ConsentSettings settings = ConsentSettings.defaults();
        private final List<ConsentObserver> observers = new ArrayList<>();

        private Builder(Policy policy, ConsentStore store) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder settings(ConsentSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Adds an observer told about every append once it is stored (see {@link ConsentObserver});
         * observers are told in the order added, and one that throws does not keep the next from being told.
         */
        public Builder addObserver(ConsentObserver observer) {
            this.observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        public ConsentManager build() {
            return new ConsentManager(this);
        }
    }
}
