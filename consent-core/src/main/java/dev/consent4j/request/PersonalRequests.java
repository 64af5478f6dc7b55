package dev.consent4j.request;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentHistory;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.policy.Recipient;
import dev.consent4j.policy.Relation;
import dev.consent4j.policy.StopUse;
import dev.consent4j.provision.ProvisionStore;
import dev.consent4j.state.Signals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Personal requests — purpose notice, disclosure, correction, stop of use, erasure, stop of
 * provision, provision records — from filing to done or refused, each step kept.
 *
 * <pre>{@code
 * PersonalRequests requests = PersonalRequests.builder(consents, ledger).provisions(ledger).build();
 * // a logged-in customer: verified at once, and a stop of provision takes effect before this returns
 * requests.file(customer, RequestKind.STOP_PROVISION, List.of(), null, Jurisdiction.JP, Verification.LOGGED_IN);
 * // a phone request: verified by the operator who called back
 * PersonalRequest r = requests.file(customer, RequestKind.ERASURE, List.of(), "by phone", Jurisdiction.JP, null);
 * requests.verify(r.id(), Verification.byOperator("called back on the number on file", "op-7"));
 * requests.complete(r.id(), "op-7");
 * }</pre>
 *
 * <p>Effects are recorded as consent events with source {@link Source#REQUEST}: a stop of
 * provision objects to every purpose a third party serves, so the provision gate refuses from that
 * moment; a stop of use withdraws the purposes named. A notice-only purpose (basis {@code notice})
 * is stopped or not as its {@link StopUse} rule declares: honoured, it is withdrawn like the others
 * (and decided {@code USE_STOPPED} from then on); refused, nothing is recorded for it and the
 * request says why — refused as a whole when every purpose named was refused so. Requests that
 * need judgement (correction, erasure) wait for an operator after verification; the others are
 * carried out on verification.
 */
public final class PersonalRequests {

    private final ConsentManager consents;
    private final Policy policy;
    private final RequestStore store;
    private final @Nullable ProvisionStore provisions;
    private final RequestDeadlines deadlines;
    private final ErasureHandler erasure;
    private final IdentityVerifier verifier;
    private final Clock clock;
    private final RequestTargets requestTargets;

    private PersonalRequests(Builder builder) {
        this.consents = builder.consents;
        this.policy = consents.policy();
        this.store = builder.store;
        this.provisions = builder.provisions;
        this.deadlines = builder.deadlines;
        this.erasure = builder.erasure;
        this.verifier = builder.verifier;
        this.clock = builder.clock != null ? builder.clock : consents.clock();
        this.requestTargets = new RequestTargets(consents);
    }

    public static Builder builder(ConsentManager consents, RequestStore store) {
        return new Builder(consents, store);
    }

    public RequestDeadlines deadlines() {
        return deadlines;
    }

    /**
     * Files a request. With a {@code verification} (the person is logged in, or an operator has
     * already checked), identity is recorded as verified at once and an automatic request is
     * carried out before this returns.
     *
     * @throws IllegalArgumentException when the targets do not fit the kind (an unknown or necessary
     *         purpose, a recipient that is not a third party, a correction of someone else's event)
     */
    public PersonalRequest file(SubjectId subject, RequestKind kind, @Nullable List<String> targets,
            @Nullable String details, Jurisdiction jurisdiction, @Nullable Verification verification) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        List<String> checked = requestTargets.check(subject, kind, targets == null ? List.of() : targets);
        Instant now = clock.instant();
        PersonalRequest request = new PersonalRequest(UUID.randomUUID(), subject, kind, checked, details,
                jurisdiction.code(), now, deadlines.dueAt(now, jurisdiction),
                List.of(new RequestStep(RequestStatus.RECEIVED, now, null, null)));
        store.create(request);
        return verification == null ? request : verify(request.id(), verification);
    }

    /**
     * Files a request from a signed-in person: the {@link IdentityVerifier} decides whether the
     * login verifies it (and an automatic request is carried out at once) or an operator must.
     */
    public PersonalRequest fileSignedIn(SubjectId signedIn, RequestKind kind, @Nullable List<String> targets,
            @Nullable String details, Jurisdiction jurisdiction) {
        return file(signedIn, kind, targets, details, jurisdiction, verifier.verify(signedIn, kind).orElse(null));
    }

    /** Records how the person's identity was verified; carries out an automatic request at once. */
    public PersonalRequest verify(UUID requestId, Verification verification) {
        PersonalRequest request = require(requestId);
        if (request.status() != RequestStatus.RECEIVED) {
            throw new IllegalStateException("request " + requestId + " is " + request.status() + ", not awaiting verification");
        }
        RequestStep step = new RequestStep(RequestStatus.IDENTITY_VERIFIED, clock.instant(), verification.operatorId(),
                verification.method());
        store.addStep(requestId, step);
        request = request.with(step);
        return request.kind().automatic() ? carryOut(request, verification.operatorId()) : request;
    }

    /** Carries out a verified request that waits for an operator (a correction or an erasure). */
    public PersonalRequest complete(UUID requestId, String operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        PersonalRequest request = require(requestId);
        if (request.status() != RequestStatus.IDENTITY_VERIFIED) {
            throw new IllegalStateException("request " + requestId + " is " + request.status()
                    + "; only a request whose identity was verified can be carried out");
        }
        return carryOut(request, operatorId);
    }

    /** Refuses an open request; the reason is kept and shown to the person. */
    public PersonalRequest refuse(UUID requestId, String operatorId, @Nullable String reason) {
        Objects.requireNonNull(operatorId, "operatorId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a reason the person can read");
        }
        PersonalRequest request = require(requestId);
        if (!request.open()) {
            throw new IllegalStateException("request " + requestId + " is already " + request.status());
        }
        RequestStep step = new RequestStep(RequestStatus.REFUSED, clock.instant(), operatorId, reason);
        store.addStep(requestId, step);
        return request.with(step);
    }

    public Optional<PersonalRequest> find(UUID requestId) {
        return store.find(requestId);
    }

    /** A person's requests, oldest first. */
    public List<PersonalRequest> of(SubjectId subject) {
        return store.bySubject(subject);
    }

    public List<PersonalRequest> open() {
        return store.open();
    }

    /** Open requests past their due date, oldest first. */
    public List<PersonalRequest> overdue() {
        Instant now = clock.instant();
        return store.open().stream().filter(request -> request.overdue(now)).toList();
    }

    /** What a disclosure request answers, built now. */
    public Disclosure disclosure(SubjectId subject, Signals signals) {
        ConsentHistory history = consents.history(subject, signals);
        return new Disclosure(history,
                provisions == null ? List.of() : provisions.provisionsAbout(subject),
                provisions == null ? List.of() : provisions.receiptsAbout(subject),
                store.bySubject(subject),
                provisions == null ? List.of() : provisions.notificationsAbout(subject));
    }

    /** The purposes the shop uses a person's data for, as a purpose-notice request answers it. */
    public List<Purpose> purposeNotice() {
        return policy.purposes();
    }

    private PersonalRequest carryOut(PersonalRequest request, @Nullable String operatorId) {
        Actor actor = operatorId == null ? Actor.SELF : Actor.operator(operatorId);
        Jurisdiction jurisdiction = Jurisdiction.of(request.jurisdiction());
        if (request.kind() == RequestKind.STOP_USE) {
            return stopUse(request, actor, jurisdiction, operatorId);
        }
        String note = switch (request.kind()) {
            case PURPOSE_NOTICE -> "purposes notified: " + purposeNotice().stream().map(Purpose::id).toList();
            case DISCLOSURE -> "disclosed electronically (JSON export format " + Disclosure.FORMAT + ")";
            case PROVISION_RECORDS -> "provision records disclosed: "
                    + (provisions == null ? 0 : provisions.provisionsAbout(request.subject()).size());
            case STOP_USE -> throw new IllegalStateException("a stop of use is carried out by stopUse");
            case STOP_PROVISION -> recorded(record(request, actor, jurisdiction, Action.OBJECT,
                    provisionTopics(request.targets()), null));
            case CORRECTION -> correct(request, actor, jurisdiction);
            case ERASURE -> erase(request, actor, jurisdiction);
        };
        RequestStep step = new RequestStep(RequestStatus.DONE, clock.instant(), operatorId, note);
        store.addStep(request.id(), step);
        return request.with(step);
    }

    /**
     * Withdraws the purposes named, except notice-only ones whose rule refuses a stop of use: those
     * are named in the note with the declared reason, and when every purpose named is one of them
     * the request is refused with those reasons.
     */
    private PersonalRequest stopUse(PersonalRequest request, Actor actor, Jurisdiction jurisdiction, @Nullable String operatorId) {
        List<Topic> stopped = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (String id : request.targets()) {
            StopUse rule = policy.purpose(id).orElseThrow().stopUse();
            if (rule == null || rule.honoured()) {
                stopped.add(Topic.purpose(id));
            } else {
                refusals.add(id + ": " + Objects.requireNonNull(rule.refusal()).in(policy.defaultLanguage(), null));
            }
        }
        RequestStep step;
        if (stopped.isEmpty()) {
            step = new RequestStep(RequestStatus.REFUSED, clock.instant(), operatorId,
                    "the policy does not stop these purposes on request: " + String.join("; ", refusals));
        } else {
            String note = recorded(record(request, actor, jurisdiction, Action.WITHDRAW, stopped, null));
            step = new RequestStep(RequestStatus.DONE, clock.instant(), operatorId,
                    refusals.isEmpty() ? note : note + "; not stopped, as the policy declares: " + String.join("; ", refusals));
        }
        store.addStep(request.id(), step);
        return request.with(step);
    }

    private String correct(PersonalRequest request, Actor actor, Jurisdiction jurisdiction) {
        EventId wrong = EventId.parse(request.targets().get(0));
        Action corrected = Action.valueOf(request.targets().get(1));
        ConsentEvent original = requestTargets.eventOf(request.subject(), wrong).orElseThrow(() -> new IllegalStateException(
                "event " + wrong + " is no longer in the history of " + request.subject()));
        return recorded(record(request, actor, jurisdiction, corrected, List.of(Objects.requireNonNull(original.topic(), "checked when the request was filed")), wrong))
                + "; supersedes " + wrong;
    }

    private String erase(PersonalRequest request, Actor actor, Jurisdiction jurisdiction) {
        List<Topic> optional = new ArrayList<>();
        for (Purpose purpose : policy.purposes()) {
            if (!purpose.basis().alwaysNecessary()) {
                optional.add(Topic.purpose(purpose.id()));
            }
        }
        List<ConsentEvent> withdrawn = optional.isEmpty() ? List.of()
                : record(request, actor, jurisdiction, Action.WITHDRAW, optional, null);
        List<String> erased = erasure.erase(request.subject());
        int events = consents.history(request.subject(), Signals.of(jurisdiction)).events().size();
        int records = provisions == null ? 0 : provisions.provisionsAbout(request.subject()).size();
        return "use stopped: " + withdrawn.size() + " purposes withdrawn"
                + "; erased: " + (erased.isEmpty() ? "nothing held outside consent4j" : String.join(", ", erased))
                + "; kept: " + events + " consent events (proof of consent and of its withdrawal), "
                + records + " provision records (kept 3 years under APPI art. 29), this request";
    }

    private List<ConsentEvent> record(PersonalRequest request, Actor actor, Jurisdiction jurisdiction, Action action,
            List<Topic> topics, @Nullable EventId supersedes) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        topics.forEach(topic -> choices.put(topic, action));
        consents.record(new ChoiceRequest(request.subject(), choices, Source.REQUEST, actor, jurisdiction,
                new Evidence(policy.version(), null, null, null), supersedes));
        List<ConsentEvent> history = consents.history(request.subject(), Signals.of(jurisdiction)).events();
        return history.subList(Math.max(0, history.size() - choices.size()), history.size());
    }

    private static String recorded(List<ConsentEvent> events) {
        return events.isEmpty() ? "nothing to record"
                : "recorded " + events.stream().map(e -> e.action().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + e.topic() + " (" + e.id() + ")").toList();
    }

    /** The purposes the named third parties (all third parties when none is named) serve, except necessary ones. */
    private List<Topic> provisionTopics(List<String> recipients) {
        Set<Topic> topics = new LinkedHashSet<>();
        for (Recipient recipient : policy.recipients()) {
            if (recipient.relation() != Relation.THIRD_PARTY
                    || !recipients.isEmpty() && !recipients.contains(recipient.id())) {
                continue;
            }
            for (String purposeId : recipient.purposes()) {
                policy.purpose(purposeId).filter(p -> !p.basis().alwaysNecessary())
                        .ifPresent(p -> topics.add(Topic.purpose(p.id())));
            }
        }
        return List.copyOf(topics);
    }

    private PersonalRequest require(UUID requestId) {
        return store.find(requestId).orElseThrow(() -> new IllegalArgumentException("no request " + requestId));
    }

    /** Builds {@link PersonalRequests}. */
    public static final class Builder {
        private final ConsentManager consents;
        private final RequestStore store;
        private @Nullable ProvisionStore provisions;
        private RequestDeadlines deadlines = RequestDeadlines.defaults();
        private ErasureHandler erasure = ErasureHandler.NONE;
        private IdentityVerifier verifier = IdentityVerifier.LOGIN;
        private @Nullable Clock clock;

        private Builder(ConsentManager consents, RequestStore store) {
            this.consents = Objects.requireNonNull(consents, "consents");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Where provision records are read for disclosures; without it, disclosures hold none. */
        public Builder provisions(@Nullable ProvisionStore provisions) {
            this.provisions = provisions;
            return this;
        }

        public Builder deadlines(RequestDeadlines deadlines) {
            this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
            return this;
        }

        /** Erases the shop's own data about a person on an erasure request; nothing by default. */
        public Builder erasure(ErasureHandler erasure) {
            this.erasure = Objects.requireNonNull(erasure, "erasure");
            return this;
        }

        /** Which signed-in requests the login verifies; all of them by default. */
        public Builder identityVerifier(IdentityVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** The clock for steps and deadlines; the consent manager's by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PersonalRequests build() {
            return new PersonalRequests(this);
        }
    }
}
