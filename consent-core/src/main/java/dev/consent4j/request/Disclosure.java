package dev.consent4j.request;

import dev.consent4j.ConsentHistory;
import dev.consent4j.provision.NotificationRecord;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ReceiptRecord;
import java.util.List;

/**
 * Everything consent4j holds about one person, as a disclosure request answers it: the consent
 * history with its current decisions and chain check, the provision and receipt records about
 * them, the recipients told of their opt-outs, and their requests. The HTTP export renders it as JSON (format {@link #FORMAT}).
 */
public record Disclosure(ConsentHistory history, List<ProvisionRecord> provisions, List<ReceiptRecord> receipts,
        List<PersonalRequest> requests, List<NotificationRecord> notifications) {

    /** Version of the JSON export; bumped whenever a field is added, changes meaning or disappears. */
    public static final int FORMAT = 3;

    public Disclosure {
        provisions = List.copyOf(provisions);
        receipts = List.copyOf(receipts);
        requests = List.copyOf(requests);
        notifications = List.copyOf(notifications);
    }

    /** A disclosure without notifications to recipients. */
    public Disclosure(ConsentHistory history, List<ProvisionRecord> provisions, List<ReceiptRecord> receipts,
            List<PersonalRequest> requests) {
        this(history, provisions, receipts, requests, List.of());
    }
}
