package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * Someone the shop receives personal data from (a social login provider, a referral partner),
 * with what APPI art. 30 asks the receiver to confirm: the provider's name, address and, for a
 * corporation, representative, and how the provider obtained the data.
 *
 * @param corporation whether the provider is a corporation (then its representative is named)
 * @param acquisition how the provider obtained the data
 * @param dataItems   the data items received
 * @param purposes    the purposes the shop uses them for; may be empty
 */
public record DataSource(String id, Party provider, boolean corporation, LocalizedText acquisition,
        List<String> dataItems, List<String> purposes) {

    public DataSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(acquisition, "acquisition");
        dataItems = List.copyOf(dataItems);
        purposes = List.copyOf(purposes);
        if (dataItems.isEmpty()) {
            throw new IllegalArgumentException("data source '" + id + "' names no data item received");
        }
    }
}
