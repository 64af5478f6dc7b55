package dev.consent4j.outbox;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.Arguments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to its sinks, at least once and in order per subject. Every application
 * node may run one over the same database without a coordinator: each poll claims up to
 * {@link Builder#batchSize} messages that no other node holds (on PostgreSQL and MariaDB with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}), and only a subject's oldest pending message, so the
 * next one waits until it is delivered or dead.
 *
 * <pre>{@code
 * OutboxDispatcher dispatcher = OutboxDispatcher.builder(store.outbox().orElseThrow())
 *         .sink(webhook).maxAttempts(12).build();
 * dispatcher.start();   // a daemon thread; or call poll() from your own scheduler
 * }</pre>
 *
 * <p>A failed delivery is tried again after an exponential back-off with full jitter: the n-th
 * retry waits a random time between half and all of {@code firstRetryAfter × 2^(n-1)}, capped at
 * {@code maxRetryAfter}. After {@code maxAttempts} failures the message becomes a dead letter:
 * {@link OutboxStore#deadLetters} lists them and {@link OutboxStore#replay} sends one again. A
 * dead letter does not hold back the subject's later messages.
 *
 * <p>A poll stops handing out messages once {@link Builder#maxPollTime} has passed (by the
 * injected clock); those left are untouched and go in the next poll.
 */
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxStore store;
    private final List<OutboxSink> sinks;
    private final Clock clock;
    private final RandomGenerator random;
    private final int batchSize;
    private final Duration maxPollTime;
    private final int maxAttempts;
    private final Duration firstRetryAfter;
    private final Duration maxRetryAfter;
    private final Duration idleWait;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean running;
    private @Nullable Thread thread;

    private OutboxDispatcher(Builder builder) {
        this.store = builder.store;
        this.sinks = List.copyOf(builder.sinks);
        this.clock = builder.clock;
        this.random = builder.random;
        this.batchSize = builder.batchSize;
        this.maxPollTime = builder.maxPollTime;
        this.maxAttempts = builder.maxAttempts;
        this.firstRetryAfter = builder.firstRetryAfter;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.idleWait = builder.idleWait;
        this.listener = builder.listener;
    }

    public static Builder builder(OutboxStore store) {
        return new Builder(store);
    }

    public OutboxStore store() {
        return store;
    }

    /**
     * One poll: claims up to the batch size of due messages and delivers each to every sink.
     *
     * @return what the poll did
     */
    public PollResult poll() {
        Instant start = clock.instant();
        Instant deadline = start.plus(maxPollTime);
        int[] counts = new int[3];
        int claimed = store.dispatch(batchSize, start, message -> {
            if (clock.instant().isAfter(deadline)) {
                return OutboxStore.Outcome.skipped();
            }
            OutboxStore.Outcome outcome = deliver(message);
            if (outcome instanceof OutboxStore.Outcome.Delivered) {
                counts[0]++;
            } else if (outcome instanceof OutboxStore.Outcome.Retry) {
                counts[1]++;
            } else {
                counts[2]++;
            }
            return outcome;
        });
        return new PollResult(claimed, counts[0], counts[1], counts[2]);
    }

    private OutboxStore.Outcome deliver(OutboxMessage message) {
        for (OutboxSink sink : sinks) {
            try {
                sink.deliver(message);
            } catch (Exception e) {
                return failed(message, sink, e);
            }
        }
        Instant now = clock.instant();
        listener.delivered(message, Duration.between(message.entry().recordedAt(), now));
        return OutboxStore.Outcome.delivered();
    }

    private OutboxStore.Outcome failed(OutboxMessage message, OutboxSink sink, Exception e) {
        int attempt = message.attempts() + 1;
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String error = LogSafe.text(sink.name()) + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + LogSafe.text(e.getMessage()));
        if (attempt >= maxAttempts) {
            LOG.warn("outbox message {} ({}) is a dead letter after {} attempts: {}", message.position(), message.key(), attempt, error);
            listener.dead(message);
            return OutboxStore.Outcome.dead(error);
        }
        Instant next = clock.instant().plus(backOff(attempt));
        LOG.debug("outbox message {} failed (attempt {}), next at {}: {}", message.position(), attempt, next, error);
        listener.retried(message, attempt);
        return OutboxStore.Outcome.retryAt(next, error);
    }

    /** The wait before retry number {@code attempt} (1 for the first): random in [ceiling/2, ceiling]. */
    Duration backOff(int attempt) {
        long first = firstRetryAfter.toMillis();
        long cap = maxRetryAfter.toMillis();
        long ceiling = attempt >= 62 ? cap : Math.min(cap, first << Math.min(attempt - 1, 40));
        if (ceiling < 0) {
            ceiling = cap;
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }

    /** Starts polling on a daemon thread: again at once after a full batch, else after the idle wait or a {@link #wake}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the dispatcher is already started");
        }
        running = true;
        thread = new Thread(this::run, "consent4j-outbox-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Makes a started dispatcher poll now, e.g. when an append was notified (see docs/outbox.md). */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            PollResult result;
            try {
                result = poll();
            } catch (RuntimeException e) {
                LOG.warn("an outbox poll failed; trying again after {}: {}", idleWait,
                        LogSafe.text(e.getClass().getName() + ": " + e.getMessage()));
                result = new PollResult(0, 0, 0, 0);
            }
            if (result.claimed() < batchSize) {
                awaitWake();
            }
        }
    }

    private void awaitWake() {
        lock.lock();
        try {
            long nanos = idleWait.toNanos();
            while (running && !wakeRequested && nanos > 0) {
                nanos = woken.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the polling thread after its current poll, waiting up to {@code timeout}; whether it stopped. */
    public synchronized boolean stop(Duration timeout) {
        running = false;
        wake();
        if (thread == null) {
            return true;
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stopped = !thread.isAlive();
        thread = null;
        return stopped;
    }

    @Override
    public void close() {
        stop(maxPollTime.plusSeconds(5));
    }

    /**
     * What one {@link #poll()} did.
     *
     * @param claimed messages claimed; those beyond the others were left for the next poll (out of time)
     */
    public record PollResult(int claimed, int delivered, int retried, int dead) {
    }

    /** Told about every outcome, for metrics; on the dispatching thread. Keep it quick. */
    public interface Listener {

        /** Delivered to every sink, {@code lag} after it was recorded. */
        default void delivered(OutboxMessage message, Duration lag) {
        }

        /** Failed; {@code attempt} is the number of the attempt that failed. */
        default void retried(OutboxMessage message, int attempt) {
        }

        /** Failed for the last time. */
        default void dead(OutboxMessage message) {
        }
    }

    /** Options of an {@link OutboxDispatcher}; every one has a default but the store. */
    public static final class Builder {
        private final OutboxStore store;
        private final List<OutboxSink> sinks = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private int batchSize = 100;
        private Duration maxPollTime = Duration.ofSeconds(10);
        private int maxAttempts = 12;
        private Duration firstRetryAfter = Duration.ofSeconds(1);
        private Duration maxRetryAfter = Duration.ofMinutes(15);
        private Duration idleWait = Duration.ofSeconds(1);
        private Listener listener = new Listener() {
        };

        private Builder(OutboxStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Adds a sink; each message goes to every sink, in the order added. */
        public Builder sink(OutboxSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where the back-off's jitter comes from. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Messages claimed per poll (default 100). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be between 1 and 10000, but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** After this, a poll hands out no more messages (default 10 s); bounds how long rows stay claimed. */
        public Builder maxPollTime(Duration maxPollTime) {
            this.maxPollTime = Arguments.positive("maxPollTime", maxPollTime);
            return this;
        }

        /** Failed attempts after which a message is a dead letter (default 12). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Arguments.atLeastOne("maxAttempts", maxAttempts);
            return this;
        }

        /** The back-off's first ceiling (default 1 s), doubled per attempt. */
        public Builder firstRetryAfter(Duration firstRetryAfter) {
            this.firstRetryAfter = Arguments.positive("firstRetryAfter", firstRetryAfter);
            return this;
        }

        /** The back-off's largest ceiling (default 15 min). */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Arguments.positive("maxRetryAfter", maxRetryAfter);
            return this;
        }

        /** How long a started dispatcher waits after a poll that found less than a batch (default 1 s), unless woken. */
        public Builder idleWait(Duration idleWait) {
            this.idleWait = Arguments.positive("idleWait", idleWait);
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public OutboxDispatcher build() {
            if (sinks.isEmpty()) {
                throw new IllegalStateException("an outbox dispatcher needs at least one sink");
            }
            if (maxRetryAfter.compareTo(firstRetryAfter) < 0) {
                throw new IllegalArgumentException("maxRetryAfter (" + maxRetryAfter + ") must not be less than firstRetryAfter ("
                        + firstRetryAfter + ")");
            }
            return new OutboxDispatcher(this);
        }
    }
}
