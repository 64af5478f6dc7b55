package dev.consent4j.policy.load;

import dev.consent4j.policy.DataSource;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.Party;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code sources}: who the shop receives personal data from, what it receives, and the
 * items APPI art. 30 asks the receiver to confirm (the provider's name, address and, for a
 * corporation, representative, and how the provider obtained the data).
 */
final class SourcesReader {

    private static final Set<String> SOURCE_KEYS = Set.of("id", "provider", "individual", "acquisition", "data-items",
            "purposes");

    private final Problems problems;

    SourcesReader(Problems problems) {
        this.problems = problems;
    }

    List<DataSource> read(Fields top, Set<String> dataItemIds, Set<String> purposeIds) {
        Set<String> seen = new HashSet<>();
        return top.collect("sources", SOURCE_KEYS, f -> source(f, seen, dataItemIds, purposeIds));
    }

    private @Nullable DataSource source(Fields f, Set<String> seen, Set<String> dataItemIds, Set<String> purposeIds) {
        String id = f.uniqueId(seen);
        boolean corporation = !f.flag("individual");
        Party provider = PartyReader.read(f, "provider", LegalRule.APPI_30_SOURCE_RECORDS,
                "name who provides the data (APPI art. 30(1)(i))", corporation);
        LocalizedText acquisition = f.localized("acquisition", LegalRule.APPI_30_SOURCE_RECORDS);
        List<String> items = f.references("data-items", dataItemIds, "data item");
        if (items.isEmpty() && f.texts("data-items").isEmpty()) {
            problems.error(LegalRule.APPI_30_SOURCE_RECORDS, f.path("data-items"), f.at("data-items"), "a data source names the data items received from it "
                    + "(APPI art. 30 records them), e.g. data-items: [name, email]");
        }
        List<String> purposes = f.references("purposes", purposeIds, "purpose");
        if (id == null || provider == null || acquisition == null || items.isEmpty()) {
            return null;
        }
        return new DataSource(id, provider, corporation, acquisition, items, purposes);
    }
}
