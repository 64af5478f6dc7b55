package dev.consent4j.store;

import dev.consent4j.event.ChainVerification;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.EventId;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.outbox.OutboxStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that passes every call on to another: the base of decorators (a cache, metrics,
 * auditing), which override only what they add to. Every method of {@link ConsentStore} is
 * forwarded, the default ones too, so that a decorator keeps the powers of the store it wraps
 * ({@link #event} by id, {@link #audienceQueries}, {@link #outbox}, {@link #verify}) — except
 * {@link #appendReadingLatest}, which goes through this decorator's {@link #append} and
 * {@link #latestEvents(SubjectId)}, so that a decorator adding to {@code append} sees every append.
 */
public abstract class ForwardingConsentStore implements ConsentStore {

    private final ConsentStore delegate;

    protected ForwardingConsentStore(ConsentStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are passed on to. */
    protected ConsentStore delegate() {
        return delegate;
    }

    @Override
    public List<ConsentEvent> append(List<NewEvent> events) {
        return delegate.append(events);
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        return delegate.events(subject);
    }

    @Override
    public Optional<ConsentEvent> event(SubjectId subject, EventId id) {
        return delegate.event(subject, id);
    }

    @Override
    public Map<SubjectId, List<ConsentEvent>> latestEvents(Collection<SubjectId> subjects, Collection<Topic> topics) {
        return delegate.latestEvents(subjects, topics);
    }

    @Override
    public List<ConsentEvent> latestEvents(SubjectId subject) {
        return delegate.latestEvents(subject);
    }

    @Override
    public Optional<AudienceQueries> audienceQueries() {
        return delegate.audienceQueries();
    }

    @Override
    public Optional<OutboxStore> outbox() {
        return delegate.outbox();
    }

    @Override
    public ChainVerification verify(SubjectId subject) {
        return delegate.verify(subject);
    }
}
