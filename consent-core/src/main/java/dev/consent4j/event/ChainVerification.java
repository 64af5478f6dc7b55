package dev.consent4j.event;

import org.jspecify.annotations.Nullable;

/**
 * The result of checking a subject's hash chain: whether every event links to the one before it
 * and still matches its hash (see {@link dev.consent4j.store.ConsentStore#verify}).
 *
 * @param valid      whether every link holds
 * @param eventCount how many events were checked
 * @param brokenAt   the 0-based index of the first bad event, or -1
 * @param problem    what is wrong with it, or {@code null}
 */
public record ChainVerification(boolean valid, int eventCount, int brokenAt, @Nullable String problem) {

    /** A chain whose event at {@code index} (0-based) is the first that does not hold. */
    public static ChainVerification broken(int index, String problem) {
        return new ChainVerification(false, index, index, problem);
    }

    /** A chain of {@code eventCount} events that all hold. */
    public static ChainVerification intact(int eventCount) {
        return new ChainVerification(true, eventCount, -1, null);
    }
}
