package dev.consent4j.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A filed opt-out route for provision to a third party without consent (APPI art. 27(2)). The
 * provider's identity comes from the policy operator; the purpose and data items from the recipient.
 */
public record OptOutRoute(
        LocalizedText acquisitionMethod,
        LocalizedText provisionMethod,
        LocalizedText requestMethod,
        LocalizedText updateMethod,
        LocalDate startDate) {

    public OptOutRoute {
        Objects.requireNonNull(acquisitionMethod, "acquisitionMethod");
        Objects.requireNonNull(provisionMethod, "provisionMethod");
        Objects.requireNonNull(requestMethod, "requestMethod");
        Objects.requireNonNull(updateMethod, "updateMethod");
        Objects.requireNonNull(startDate, "startDate");
    }
}
