package dev.consent4j.request;

import dev.consent4j.ConsentHistory;
import dev.consent4j.provision.ProvisionRecord;
import dev.consent4j.provision.ReceiptRecord;
import java.util.List;

/**
 * Everything consent4j holds about one person, as a disclosure request answers it: the consent
 * history with its current decisions and chain check, the provision and receipt records about
 * them, and their requests. The HTTP export renders it as JSON (format {@link #FORMAT}).
 */
public record Disclosure(ConsentHistory history, List<ProvisionRecord> provisions, List<ReceiptRecord> receipts,
        List<PersonalRequest> requests) {

    /** Version of the JSON export; bumped whenever a field changes meaning or disappears. */
    public static final int FORMAT = 2;

    public Disclosure {
        provisions = List.copyOf(provisions);
        receipts = List.copyOf(receipts);
        requests = List.copyOf(requests);
    }
}
