package dev.consent4j.servlet;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.event.SubjectId;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Signals;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link ConsentFilter} learned about a request: its consent state, the signals it
 * carried, and who it belongs to. Kept as a request attribute; read it with
 * {@link #state(ServletRequest)} or {@link #of(ServletRequest)}.
 *
 * <pre>{@code
 * if (ConsentContext.state(request).allows("targeted-ads")) { ... }
 * }</pre>
 */
public final class ConsentContext {

    /** The request attribute that holds the context. */
    public static final String ATTRIBUTE = ConsentContext.class.getName();

    private final Signals signals;
    private final @Nullable SubjectId customer;
    private final boolean secureRequest;
    private final @Nullable ConsentCookie cookie;
    /** The request's own state; for a visitor folded when first asked for, from {@link #ownState}. */
    private volatile @Nullable ConsentState state;
    private final Supplier<ConsentState> ownState;
    /** What the response enforces: the same allowed flags and reasons as {@link #state}, possibly shared with other requests. */
    private volatile ConsentState enforced;
    private volatile @Nullable ConsentCookie cookieToIssue;
    private @Nullable SubjectId newVisitor;
    private @Nullable ConsentResponse response;
    private volatile CspMode cspMode = CspMode.OFF;
    private final boolean storeUnavailable;

    ConsentContext(Signals signals, @Nullable SubjectId customer, boolean secureRequest, @Nullable ConsentCookie cookie,
            ConsentState state, @Nullable ConsentCookie cookieToIssue) {
        this(signals, customer, secureRequest, cookie, state, () -> state, cookieToIssue, false);
    }

    ConsentContext(Signals signals, @Nullable SubjectId customer, boolean secureRequest, @Nullable ConsentCookie cookie,
            ConsentState state, @Nullable ConsentCookie cookieToIssue, boolean storeUnavailable) {
        this(signals, customer, secureRequest, cookie, state, () -> state, cookieToIssue, storeUnavailable);
    }

    /**
     * @param enforced a state with the same allowed flags and reasons as {@code ownState} gives
     *                 ({@link dev.consent4j.internal.fold.StateFolder#foldShared}), which the response enforces
     * @param ownState the request's own state, made only if something asks for it
     */
    ConsentContext(Signals signals, @Nullable SubjectId customer, boolean secureRequest, @Nullable ConsentCookie cookie,
            ConsentState enforced, Supplier<ConsentState> ownState, @Nullable ConsentCookie cookieToIssue,
            boolean storeUnavailable) {
        this.storeUnavailable = storeUnavailable;
        this.signals = signals;
        this.customer = customer;
        this.secureRequest = secureRequest;
        this.cookie = cookie;
        this.enforced = Objects.requireNonNull(enforced, "enforced");
        this.ownState = ownState;
        this.cookieToIssue = cookieToIssue;
    }

    /**
     * The context of a request the filter has seen.
     *
     * @throws IllegalStateException when the {@link ConsentFilter} did not run for this request
     */
    public static ConsentContext of(ServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException(
                "no consent context on this request: map the ConsentFilter in front of this path"));
    }

    public static Optional<ConsentContext> find(ServletRequest request) {
        Object context = request.getAttribute(ATTRIBUTE);
        return context instanceof ConsentContext c ? Optional.of(c) : Optional.empty();
    }

    /** The request's consent state (see {@link #of}). */
    public static ConsentState state(ServletRequest request) {
        return of(request).state();
    }

    /** The decisions in force for this request; after a choice in this request, the new ones. */
    public ConsentState state() {
        ConsentState own = state;
        if (own == null) {
            own = ownState.get(); // two threads may both fold; they get equal states
            state = own;
        }
        return own;
    }

    /** The decisions the response enforces: allowed or refused, and why, as in {@link #state()}. */
    ConsentState enforced() {
        return enforced;
    }

    /**
     * Whether the customer's stored state could not be read for this request (the store failed or
     * did not answer within the filter's store timeout): {@link #state()} is then the fail-closed
     * state, in which only the consent cookie's choices allow anything (see
     * {@link ConsentFilter.Builder#storeTimeout}). Always false for a visitor, whose state comes
     * from the cookie alone.
     */
    public boolean storeUnavailable() {
        return storeUnavailable;
    }

    /** Whether the filter sends a Content-Security-Policy on this request, and which. */
    CspMode cspMode() {
        return cspMode;
    }

    void cspMode(CspMode mode) {
        this.cspMode = mode;
    }

    public Signals signals() {
        return signals;
    }

    /** The logged-in customer, when there is one. */
    public Optional<SubjectId> customer() {
        return Optional.ofNullable(customer);
    }

    /** The verified consent cookie the browser sent, if any. */
    public Optional<ConsentCookie> cookie() {
        return Optional.ofNullable(cookie);
    }

    public boolean secureRequest() {
        return secureRequest;
    }

    /**
     * Whose choices a new choice in this request belongs to: the customer, else the visitor of the
     * consent cookie, else a new visitor (the same one for the rest of the request).
     */
    public synchronized SubjectId subjectForChoices() {
        if (customer != null) {
            return customer;
        }
        if (cookie != null) {
            return cookie.visitor();
        }
        if (newVisitor == null) {
            newVisitor = SubjectId.newVisitor();
        }
        return newVisitor;
    }

    /** The visitor a new consent cookie is for: the cookie's, else a new one. */
    public synchronized SubjectId visitorForCookie() {
        if (cookie != null) {
            return cookie.visitor();
        }
        if (newVisitor == null) {
            newVisitor = SubjectId.newVisitor();
        }
        return newVisitor;
    }

    /**
     * Replaces the state after choices were recorded in this request, and issues {@code cookie}
     * (or none when {@code null}) with the response. The response then enforces the new state:
     * cookies of categories just refused are expired and no longer set.
     */
    public void update(ConsentState newState, @Nullable ConsentCookie newCookie) {
        this.state = Objects.requireNonNull(newState, "newState");
        this.enforced = newState;
        if (newCookie != null) {
            this.cookieToIssue = newCookie;
        }
        ConsentResponse current;
        synchronized (this) {
            current = response;
        }
        if (current != null) {
            current.stateChanged();
        }
    }

    @Nullable ConsentCookie cookieToIssue() {
        return cookieToIssue;
    }

    synchronized void attach(ConsentResponse response) {
        this.response = response;
    }
}
