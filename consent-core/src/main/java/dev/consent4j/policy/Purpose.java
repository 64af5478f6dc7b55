package dev.consent4j.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * @param channelBases       bases of single channels that differ from the purpose's, e.g. e-mail
 *                           opt-in inside a purpose whose post and phone are opt-out; a channel
 *                           not named here follows {@link #basis()}
 * @param stopUse            for a notice-only purpose, what a request to stop use does;
 *                           {@code null} for the other bases
 * @param validity           how long choices on the purpose and its channels count, or
 *                           {@code null} for the policy's {@link Policy#consentValidity()}
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
        @Nullable MessageKind messageKind,
        List<String> cookieCategories,
        Map<String, BasisRule> channelBases,
        @Nullable StopUse stopUse,
        @Nullable ValidityRule validity) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
        Objects.requireNonNull(basis, "basis");
        dataItems = List.copyOf(dataItems);
        recipients = List.copyOf(recipients);
        channels = List.copyOf(channels);
        cookieCategories = cookieCategories == null ? List.of() : List.copyOf(cookieCategories);
        channelBases = channelBases == null ? Map.of() : Map.copyOf(channelBases);
        for (String channel : channelBases.keySet()) {
            if (!channels.contains(channel)) {
                throw new IllegalArgumentException("purpose '" + id + "' gives a basis for channel '" + channel
                        + "', which is not one of its channels " + channels);
            }
        }
        if (stopUse != null && basis.byDefault() != Basis.NOTICE && !basis.overrides().containsValue(Basis.NOTICE)) {
            throw new IllegalArgumentException("only a notice-only purpose has a stop-use rule, but '" + id + "' is " + basis);
        }
    }

    /** The basis of the purpose on one of its channels: the channel's own, else the purpose's. */
    public BasisRule basisOn(@Nullable String channel) {
        BasisRule own = channel == null ? null : channelBases.get(channel);
        return own == null ? basis : own;
    }

    /** What a request to stop use does: the declared rule, honoured when none is declared. */
    public StopUse stopUseRule() {
        return stopUse == null ? StopUse.HONOURED : stopUse;
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
        private @Nullable BasisRule basis;
        private List<String> dataItems = List.of();
        private List<String> recipients = List.of();
        private List<String> channels = List.of();
        private boolean saleOrSharing;
        private boolean targetedAdvertising;
        private @Nullable MessageKind messageKind;
        private List<String> cookieCategories = List.of();
        private Map<String, BasisRule> channelBases = Map.of();
        private @Nullable StopUse stopUse;
        private @Nullable ValidityRule validity;

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

        public Builder messageKind(@Nullable MessageKind messageKind) {
            this.messageKind = messageKind;
            return this;
        }

        /** The cookie categories through which the purpose is carried out. */
        public Builder cookieCategories(List<String> cookieCategories) {
            this.cookieCategories = cookieCategories;
            return this;
        }

        /** Bases of single channels that differ from the purpose's, by channel id. */
        public Builder channelBases(Map<String, BasisRule> channelBases) {
            this.channelBases = channelBases;
            return this;
        }

        /** For a notice-only purpose, what a request to stop use does. */
        public Builder stopUse(@Nullable StopUse stopUse) {
            this.stopUse = stopUse;
            return this;
        }

        /** How long choices on this purpose count, instead of the policy's validity. */
        public Builder validity(@Nullable ValidityRule validity) {
            this.validity = validity;
            return this;
        }

        public Purpose build() {
            return new Purpose(id, title, description, Objects.requireNonNull(basis, "basis"), dataItems, recipients,
                    channels, saleOrSharing, targetedAdvertising, messageKind, cookieCategories, channelBases, stopUse,
                    validity);
        }
    }
}
