package dev.consent4j.outbox;

import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox a store writes in the transaction of each append that changes a decision (see
 * {@link DecisionChanges}), and what the {@link OutboxDispatcher} reads. A store built with an
 * outbox answers it from {@link dev.consent4j.store.ConsentStore#outbox()}; implementations pass
 * the outbox cases of the one store contract suite.
 */
public interface OutboxStore {

    /**
     * Claims up to {@code limit} pending messages due at {@code now} — for each subject only its
     * oldest pending message, so that one subject's messages are delivered in order — hands each to
     * {@code delivery} and keeps its outcome. A message claimed here is claimed by no other caller,
     * in this process or another, until its outcome is kept (on a database: the rows stay locked,
     * and other nodes skip them). Should the process die before, the messages stay pending.
     *
     * @return how many messages were claimed
     */
    int dispatch(int limit, Instant now, Delivery delivery);

    /** A subject's messages in order, whatever their status: for operators and tests. */
    List<OutboxMessage> messagesAbout(SubjectId subject);

    /** Dead letters, oldest first, at most {@code limit}. */
    List<OutboxMessage> deadLetters(int limit);

    /** One message by its position. */
    Optional<OutboxMessage> message(long position);

    /**
     * Makes a dead letter pending again, due at {@code now}, with its attempts reset.
     *
     * @return whether there was such a dead letter
     */
    boolean replay(long position, Instant now);

    OutboxStats stats();

    /** Removes delivered messages recorded before {@code before}; answers how many. */
    int purgeDelivered(Instant before);

    /** What a dispatch does with one claimed message. */
    @FunctionalInterface
    interface Delivery {
        Outcome deliver(OutboxMessage message);
    }

    /** What became of one claimed message. */
    sealed interface Outcome {

        /** Delivered to every sink. */
        static Outcome delivered() {
            return Delivered.INSTANCE;
        }

        /** Not attempted (the poll ran out of time): left as it was. */
        static Outcome skipped() {
            return Skipped.INSTANCE;
        }

        /** Failed; tried again at {@code at}. */
        static Outcome retryAt(Instant at, String error) {
            return new Retry(at, error);
        }

        /** Failed for the last time: kept as a dead letter. */
        static Outcome dead(String error) {
            return new Dead(error);
        }

        enum Delivered implements Outcome {
            INSTANCE
        }

        enum Skipped implements Outcome {
            INSTANCE
        }

        record Retry(Instant at, String error) implements Outcome {
        }

        record Dead(String error) implements Outcome {
        }
    }
}
