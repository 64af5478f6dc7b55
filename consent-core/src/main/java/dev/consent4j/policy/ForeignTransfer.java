package dev.consent4j.policy;

import java.util.Objects;

/**
 * What a person must be told before consenting to provision to a third party abroad: the
 * country's system for protecting personal information, and the measures the recipient takes.
 */
public record ForeignTransfer(LocalizedText systemInfo, LocalizedText recipientMeasures) {

    public ForeignTransfer {
        Objects.requireNonNull(systemInfo, "systemInfo");
        Objects.requireNonNull(recipientMeasures, "recipientMeasures");
    }
}
