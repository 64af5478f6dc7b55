package dev.consent4j.store.jdbc;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps an append on H2 from building on another append to the same chain before that one is on
 * disk. H2 shows a commit to other transactions a moment before it has written it, and what it
 * writes then does not always hold all of an earlier commit: killed at that moment, H2 comes back
 * with the later append and without the earlier one, so the chain has a gap and no longer
 * verifies. (PostgreSQL shows a commit only once it is in the log; MariaDB/MySQL write their log
 * in commit order; neither can keep a later commit without an earlier one.)
 *
 * <p>So on H2 an append holds a lock on its chains from reading their heads until its commit has
 * returned, when H2 has written it: locks of this JVM, one per stripe of subjects, taken in stripe
 * order. The locks belong to one store: an embedded H2 database belongs to one JVM, which a shop
 * gives one store per database; an H2 server with writers in several JVMs is not covered.
 */
final class ChainStripes {

    private static final int STRIPES = 256;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ChainStripes() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    /** What {@link #lock} took; closing it lets the next append to these chains go ahead. */
    interface Held extends AutoCloseable {
        Held NONE = () -> { };

        @Override
        void close();
    }

    /** Locks the stripes of {@code subjects}, waiting for appends to the same chains to return. */
    Held lock(List<String> subjects) {
        int[] stripes = subjects.stream().mapToInt(ChainStripes::stripe).sorted().distinct().toArray();
        for (int i = 0; i < stripes.length; i++) {
            try {
                locks[stripes[i]].lockInterruptibly();
            } catch (InterruptedException e) {
                unlock(stripes, i);
                Thread.currentThread().interrupt();
                throw new dev.consent4j.store.ConsentStoreException("interrupted while waiting to append", e);
            }
        }
        return () -> unlock(stripes, stripes.length);
    }

    private void unlock(int[] stripes, int count) {
        for (int i = count - 1; i >= 0; i--) {
            locks[stripes[i]].unlock();
        }
    }

    static int stripe(String subject) {
        int hash = subject.hashCode();
        return Math.floorMod(hash ^ (hash >>> 16), STRIPES);
    }
}
