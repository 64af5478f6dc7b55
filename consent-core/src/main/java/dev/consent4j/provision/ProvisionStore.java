package dev.consent4j.provision;

import dev.consent4j.event.SubjectId;
import java.time.Instant;
import java.util.List;

/**
 * Where provision and receipt records are kept: append-only, removed only by {@link #purgeExpired}
 * once their retention has run out. Implementations: {@code store.memory.InMemoryLedgerStore} and
 * {@code store.jdbc.JdbcLedgerStore}; both pass the same contract tests.
 */
public interface ProvisionStore {

    /** Stores a record durably before returning. */
    void append(ProvisionRecord record);

    /** Stores a record durably before returning. */
    void append(ReceiptRecord record);

    /** Records that cover {@code subject}, oldest first. */
    List<ProvisionRecord> provisionsAbout(SubjectId subject);

    /** Records of data given to {@code recipient}, oldest first. */
    List<ProvisionRecord> provisionsTo(String recipient);

    /** Receipts that include {@code subject}, oldest first. */
    List<ReceiptRecord> receiptsAbout(SubjectId subject);

    /**
     * Stores, durably before returning, that a recipient was notified; a second record for the same
     * recipient and message key (a message delivered again) is ignored.
     */
    void append(NotificationRecord record);

    /** Notifications sent to recipients about {@code subject}, oldest first. */
    List<NotificationRecord> notificationsAbout(SubjectId subject);

    /** Removes every record whose retention ended before {@code now}; answers how many were removed. */
    int purgeExpired(Instant now);
}
