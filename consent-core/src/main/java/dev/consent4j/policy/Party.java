package dev.consent4j.policy;

import java.util.Objects;

/**
 * An organisation as Japanese law asks it to be named: name, address and, for a corporation, its
 * representative; plus where to reach it about personal data.
 */
public record Party(LocalizedText name, LocalizedText address, LocalizedText representative, LocalizedText contact) {

    public Party {
        Objects.requireNonNull(name, "name");
        address = address == null ? LocalizedText.EMPTY : address;
        representative = representative == null ? LocalizedText.EMPTY : representative;
        contact = contact == null ? LocalizedText.EMPTY : contact;
    }
}
