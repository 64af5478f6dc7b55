package dev.consent4j.store;

import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.state.Choice;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Latest choices of customers a {@link CustomerQuery} selects, read by the database joining the
 * shop's own customer table with the store's tables: nothing is sent to the database per
 * customer, and only the columns a decision needs come back. What
 * {@link dev.consent4j.ConsentManager#audience(CustomerQuery, String, String, dev.consent4j.policy.Jurisdiction,
 * Consumer)} reads.
 */
public interface AudienceQueries {

    /**
     * For each customer of {@code customers} with at least one latest choice on {@code topics}, those
     * choices (one per topic), streamed in subject order.
     */
    void latestChoices(CustomerQuery customers, Collection<Topic> topics, BiConsumer<SubjectId, List<Choice>> sink);

    /** Each customer of {@code customers} without any latest choice on {@code topics}, streamed. */
    void withoutChoices(CustomerQuery customers, Collection<Topic> topics, Consumer<SubjectId> sink);
}
