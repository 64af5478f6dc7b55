package dev.consent4j.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.consent4j.event.ConsentEvent;
import dev.consent4j.event.NewEvent;
import dev.consent4j.event.SubjectId;
import dev.consent4j.internal.Arguments;
import dev.consent4j.store.Appended;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.store.ForwardingConsentStore;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cache of subjects' events in front of any store, for the filter's per-request reads of
 * signed-in customers. Every append through this instance evicts the subjects it touched, after
 * the store has committed. Appends made by other nodes reach this one through
 * {@link #evict(SubjectId)}, and in any case
 * when an entry is older than {@code expireAfterWrite}, which bounds how stale a node can be.
 *
 * <p>Everything else reads the store: {@link #latestEvents} (the bulk audience path, and recording a
 * choice), {@link #event}, {@link #audienceQueries} and {@link #verify}.
 */
public final class CachingConsentStore extends ForwardingConsentStore {

    private final Cache<SubjectId, List<ConsentEvent>> cache;

    private CachingConsentStore(Builder builder) {
        super(builder.store);
        this.cache = Caffeine.newBuilder()
                .maximumSize(builder.maximumSize)
                .expireAfterWrite(builder.expireAfterWrite)
                .ticker(builder.ticker)
                .build();
    }

    public static Builder builder(ConsentStore store) {
        return new Builder(store);
    }

    @Override
    public List<ConsentEvent> append(List<NewEvent> events) {
        return evictingAfter(events, () -> delegate().append(events));
    }

    /** As {@link #append}: the store's own append (and its read), then the subjects evicted. */
    @Override
    public Appended appendReadingLatest(List<NewEvent> events) {
        return evictingAfter(events, () -> delegate().appendReadingLatest(events));
    }

    private <T> T evictingAfter(List<NewEvent> events, Supplier<T> append) {
        Set<SubjectId> touched = new LinkedHashSet<>();
        for (NewEvent event : events) {
            touched.add(event.subject());
        }
        try {
            return append.get();
        } finally {
            // Also on failure: the store may have committed before the failure was reported.
            cache.invalidateAll(touched);
        }
    }

    @Override
    public List<ConsentEvent> events(SubjectId subject) {
        return cache.get(subject, delegate()::events);
    }

    /** Forgets a subject, e.g. because another node appended to its chain. */
    public void evict(SubjectId subject) {
        cache.invalidate(subject);
    }

    /** Forgets everything, e.g. after a lost notification connection. */
    public void evictAll() {
        cache.invalidateAll();
    }

    /** The store behind the cache. */
    public ConsentStore store() {
        return delegate();
    }

    /** Builds a {@link CachingConsentStore}. */
    public static final class Builder {
        private final ConsentStore store;
        private long maximumSize = 10_000;
        private Duration expireAfterWrite = Duration.ofSeconds(1);
        private Ticker ticker = Ticker.systemTicker();

        private Builder(ConsentStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** How many subjects are kept (10,000 by default). */
        public Builder maximumSize(long maximumSize) {
            if (maximumSize < 0) {
                throw new IllegalArgumentException("maximumSize must not be negative, but was " + maximumSize);
            }
            this.maximumSize = maximumSize;
            return this;
        }

        /**
         * The longest an entry is served (1 s by default). With several nodes this is how late a
         * node may see another node's append, a withdrawal included, unless something tells it
         * sooner: on PostgreSQL a {@link PostgresInvalidations} does; on H2 and MariaDB nothing
         * can, so this expiry is the staleness bound there (see docs/stores.md, "The cache").
         */
        public Builder expireAfterWrite(Duration expireAfterWrite) {
            Arguments.positive("expireAfterWrite", expireAfterWrite);
            this.expireAfterWrite = expireAfterWrite;
            return this;
        }

        /** The time source for expiry; tests pass a fake one. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public CachingConsentStore build() {
            return new CachingConsentStore(this);
        }
    }
}
