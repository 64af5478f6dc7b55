package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * A purpose of use (利用目的): what the shop uses personal data for.
 *
 * @param channels           for marketing purposes, the channels a person may be contacted on;
 *                           each purpose × channel is its own topic of consent
 * @param saleOrSharing      whether the purpose sells or shares data (what a GPC signal opts out of)
 * @param targetedAdvertising whether the purpose is cross-context targeted advertising (also
 *                           covered by GPC)
 * @param messageKind        for purposes with channels, whether messages are transactional or
 *                           subscriptions; {@code null} otherwise
 * @param cookieCategories   the cookie categories whose cookies and trackers carry the purpose out
 *                           (targeted ads through the advertising category): the purpose is allowed
 *                           only while each of them is, and an opt-out of a sale, sharing or
 *                           targeted-advertising purpose refuses them too
 */
public record Purpose(
        String id,
        LocalizedText title,
        LocalizedText description,
        BasisRule basis,
        List<String> dataItems,
        List<String> recipients,
        List<String> channels,
        boolean saleOrSharing,
        boolean targetedAdvertising,
        MessageKind messageKind,
        List<String> cookieCategories) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
        Objects.requireNonNull(basis, "basis");
        dataItems = List.copyOf(dataItems);
        recipients = List.copyOf(recipients);
        channels = List.copyOf(channels);
        cookieCategories = cookieCategories == null ? List.of() : List.copyOf(cookieCategories);
    }

    /** Whether a GPC signal, where honoured, opts the person out of this purpose. */
    public boolean coveredByGpc() {
        return saleOrSharing || targetedAdvertising;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Purpose}; only the id, title and basis are required. */
    public static final class Builder {
        private final String id;
        private LocalizedText title = LocalizedText.EMPTY;
        private LocalizedText description = LocalizedText.EMPTY;
        private BasisRule basis;
        private List<String> dataItems = List.of();
        private List<String> recipients = List.of();
        private List<String> channels = List.of();
        private boolean saleOrSharing;
        private boolean targetedAdvertising;
        private MessageKind messageKind;
        private List<String> cookieCategories = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(LocalizedText title) {
            this.title = title;
            return this;
        }

        public Builder description(LocalizedText description) {
            this.description = description;
            return this;
        }

        public Builder basis(Basis basis) {
            this.basis = BasisRule.of(basis);
            return this;
        }

        public Builder basis(BasisRule basis) {
            this.basis = basis;
            return this;
        }

        public Builder dataItems(List<String> dataItems) {
            this.dataItems = dataItems;
            return this;
        }

        public Builder recipients(List<String> recipients) {
            this.recipients = recipients;
            return this;
        }

        public Builder channels(List<String> channels) {
            this.channels = channels;
            return this;
        }

        public Builder saleOrSharing(boolean saleOrSharing) {
            this.saleOrSharing = saleOrSharing;
            return this;
        }

        public Builder targetedAdvertising(boolean targetedAdvertising) {
            this.targetedAdvertising = targetedAdvertising;
            return this;
        }

        public Builder messageKind(MessageKind messageKind) {
            this.messageKind = messageKind;
            return this;
        }

        /** The cookie categories through which the purpose is carried out. */
        public Builder cookieCategories(List<String> cookieCategories) {
            this.cookieCategories = cookieCategories;
            return this;
        }

        public Purpose build() {
            return new Purpose(id, title, description, basis, dataItems, recipients, channels,
                    saleOrSharing, targetedAdvertising, messageKind, cookieCategories);
        }
    }
}
