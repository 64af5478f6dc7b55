package dev.consent4j.policy.load;

import dev.consent4j.policy.Basis;
import dev.consent4j.policy.BasisRule;
import dev.consent4j.policy.Channel;
import dev.consent4j.policy.LocalizedText;
import dev.consent4j.policy.MessageKind;
import dev.consent4j.policy.StopUse;
import dev.consent4j.policy.load.Node.ObjectNode;
import dev.consent4j.policy.load.Node.ScalarNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a purpose beyond its own basis: a basis per channel ({@code channel-basis}), what a
 * request to stop use does to a notice-only purpose ({@code stop-use}), and the legal rules that
 * hold between them and the purpose's channels.
 */
final class PurposeRules {

    /** The purpose keys this class reads. */
    static final Set<String> KEYS = Set.of("channel-basis", "stop-use", "validity");
    private static final Set<String> STOP_USE_KEYS = Set.of("refused");

    private final Problems problems;
    private final BasisReader bases;

    PurposeRules(Problems problems, BasisReader bases) {
        this.problems = problems;
        this.bases = bases;
    }

    /**
     * The bases of single channels, keyed by channel; each must be one of the purpose's channels,
     * opt-in or opt-out (a channel can be no more necessary than its purpose, and a purpose with
     * necessary or notice-only basis offers no channel choice).
     */
    Map<String, BasisRule> channelBases(Fields f, @Nullable BasisRule basis, List<String> purposeChannels) {
        if (!f.has("channel-basis")) {
            return Map.of();
        }
        Node node = f.at("channel-basis");
        String path = f.path("channel-basis");
        if (!(node instanceof ObjectNode object)) {
            problems.error(path, node, "channel-basis is a mapping from channel to basis, e.g. {email: opt-in}, but was "
                    + node.kindName());
            return Map.of();
        }
        if (basis != null && !choosableSomewhere(basis)) {
            problems.error(path, node, "channel-basis needs a purpose whose own basis is opt-in or opt-out; a "
                    + basis.byDefault().id() + " purpose offers no choice per channel");
            return Map.of();
        }
        Map<String, BasisRule> channelBases = new LinkedHashMap<>();
        for (Map.Entry<String, Node> entry : object.fields().entrySet()) {
            String channel = entry.getKey();
            String entryPath = PathNames.child(path, channel);
            if (!purposeChannels.contains(channel)) {
                problems.error(entryPath, entry.getValue(), "'" + channel + "' is not one of this purpose's channels "
                        + purposeChannels + Suggestions.didYouMean(channel, purposeChannels));
                continue;
            }
            BasisRule rule = bases.read(entry.getValue(), entryPath);
            if (rule == null) {
                continue;
            }
            if (!onlyChoices(rule)) {
                problems.error(entryPath, entry.getValue(), "a channel's basis is opt-in or opt-out; necessary and notice "
                        + "belong to the purpose as a whole");
                continue;
            }
            channelBases.put(channel, rule);
        }
        return channelBases;
    }

    /**
     * Reports each subscription channel that is electronic mail and would be opt-out in Japan,
     * at the basis that makes it so: the channel's own, or the purpose's.
     */
    void electronicMailOptIn(Fields f, @Nullable BasisRule basis, Map<String, BasisRule> channelBases, List<String> purposeChannels,
            Map<String, Channel> channels, @Nullable MessageKind kind) {
        if (basis == null || kind != MessageKind.SUBSCRIPTION) {
            return;
        }
        boolean purposeReported = false;
        for (String channelId : purposeChannels) {
            Channel channel = channels.get(channelId);
            if (channel == null || !channel.electronicMail()) {
                continue;
            }
            BasisRule own = channelBases.get(channelId);
            if (own != null) {
                String path = PathNames.child(f.path("channel-basis"), channelId);
                bases.electronicMailOptOutInJapan(own, path, f.at("channel-basis"), "e-mail or SMS ('" + channelId + "')");
            } else if (!purposeReported) {
                purposeReported = bases.electronicMailOptOutInJapan(basis, f.path("basis"), f.at("basis"),
                        "e-mail or SMS ('" + channelId + "')");
            }
        }
    }

    /**
     * What a stop-use request does to a notice-only purpose ({@code null} for other bases), and
     * what a notice-only purpose may not be: a marketing purpose with channels, or one a GPC signal
     * or a sale opt-out must be able to refuse.
     */
    @Nullable StopUse stopUse(Fields f, @Nullable BasisRule basis, List<String> purposeChannels) {
        boolean notice = basis != null && (basis.byDefault() == Basis.NOTICE || basis.overrides().containsValue(Basis.NOTICE));
        if (!notice) {
            if (f.has("stop-use")) {
                problems.error(f.path("stop-use"), f.at("stop-use"), "stop-use belongs to a notice-only purpose (basis: notice); "
                        + "a stop of use of an opt-in or opt-out purpose always withdraws it");
            }
            return null;
        }
        if (!purposeChannels.isEmpty()) {
            problems.error(f.path("channels"), f.at("channels"), "a notice-only purpose has no marketing channels; contact "
                    + "for marketing needs opt-in or opt-out (give it its own purpose)");
        }
        for (String flag : List.of("sale-or-sharing", "targeted-advertising")) {
            if (f.has(flag) && f.at(flag) instanceof ScalarNode s && "true".equals(s.text())) {
                problems.error(LegalRule.GPC_OPT_OUT, f.path(flag), f.at(flag), "a notice-only purpose cannot be " + flag + ": a person must be able "
                        + "to opt out of it (and GPC must refuse it); make it opt-out or opt-in");
            }
        }
        if (!f.has("stop-use")) {
            return StopUse.HONOURED;
        }
        Node node = f.at("stop-use");
        if (node instanceof ScalarNode scalar) {
            if (scalar.text() != null && "honoured".equals(scalar.text().trim())) {
                return StopUse.HONOURED;
            }
            problems.error(f.path("stop-use"), node, "stop-use is honoured, or {refused: {…the reason per language…}}, but was '"
                    + scalar.text() + "'");
            return null;
        }
        Fields refusal = Fields.of(node, f.path("stop-use"), problems, f.languages(), STOP_USE_KEYS);
        if (refusal == null) {
            return null;
        }
        LocalizedText reason = refusal.localized("refused", true);
        return reason == null ? null : StopUse.refused(reason);
    }

    private static boolean choosableSomewhere(BasisRule basis) {
        return basis.byDefault().choosable() || basis.overrides().values().stream().anyMatch(Basis::choosable);
    }

    private static boolean onlyChoices(BasisRule rule) {
        return rule.byDefault().choosable() && rule.overrides().values().stream().allMatch(Basis::choosable);
    }
}
