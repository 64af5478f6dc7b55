package dev.consent4j.servlet;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the filter's store lookups for signed-in customers so that a page waits at most the store
 * timeout, whatever the {@code DataSource} does: a pool that blocks 30 s for a connection, a driver
 * that waits on a dead socket. The request thread waits on a {@link Future} with that timeout and
 * then gives up; a lookup that cannot even be queued (every worker busy and the queue full, as
 * while the database hangs) is given up at once. Given-up lookups are cancelled: one still queued
 * never runs, one running is interrupted (HikariCP stops waiting for a connection then).
 *
 * <p>The workers are few, daemon and named {@code consent4j-store-lookup-N}; they end after a
 * minute without work.
 */
final class StoreLookups {

    /** Why a lookup gave no answer. */
    enum Failure {
        TIMED_OUT, BUSY, FAILED
    }

    /** A lookup that gave no answer; {@link #getCause()} is the store's exception for {@link Failure#FAILED}. */
    static final class LookupFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;
        private final Throwable reason;

        LookupFailed(Failure failure, Throwable cause) {
            super(failure.name(), cause, false, false);
            this.failure = failure;
            this.reason = cause;
        }

        Failure failure() {
            return failure;
        }

        /** What the lookup failed with: its own exception for {@link Failure#FAILED}. */
        Throwable reason() {
            return reason;
        }
    }

    private final ThreadPoolExecutor executor;
    private final long timeoutNanos;

    StoreLookups(int threads, int queue, Duration timeout) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "consent4j-store-lookup-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.timeoutNanos = timeout.toNanos();
    }

    /** The lookup's answer, within the timeout. */
    <T> T call(Callable<T> lookup) throws LookupFailed {
        Future<T> future;
        try {
            future = executor.submit(lookup);
        } catch (RejectedExecutionException e) {
            throw new LookupFailed(Failure.BUSY, e);
        }
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LookupFailed(Failure.TIMED_OUT, e);
        } catch (ExecutionException e) {
            throw new LookupFailed(Failure.FAILED, e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LookupFailed(Failure.TIMED_OUT, e);
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
