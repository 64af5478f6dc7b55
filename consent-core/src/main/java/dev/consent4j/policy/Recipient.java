package dev.consent4j.policy;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Someone who receives personal data (or personally referable information) from the shop.
 *
 * @param country         ISO 3166-1 alpha-2 code of where the recipient handles the data
 * @param hosts           hosts the recipient's tags talk to, exact or {@code *.example.com}
 * @param linksToPerson   whether the recipient is expected to link personally referable
 *                        information to a person (APPI art. 31: consent must be confirmed first)
 * @param jointUse        required when the relation is {@link Relation#JOINT_USER}
 * @param foreignTransfer required for a third party outside Japan
 * @param optOutRoute     a filed opt-out route, when the shop provides data without consent
 */
public record Recipient(
        String id,
        LocalizedText name,
        Relation relation,
        String country,
        List<String> hosts,
        List<String> dataItems,
        List<String> purposes,
        URI privacyNotice,
        boolean linksToPerson,
        JointUse jointUse,
        ForeignTransfer foreignTransfer,
        OptOutRoute optOutRoute) {

    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(country, "country");
        hosts = List.copyOf(hosts);
        dataItems = List.copyOf(dataItems);
        purposes = List.copyOf(purposes);
    }

    /** Whether data sent to this recipient leaves Japan. */
    public boolean foreign() {
        return !"JP".equals(country);
    }
}
