package dev.consent4j.policy.load;

import dev.consent4j.policy.Channel;
import dev.consent4j.policy.DataItem;
import dev.consent4j.policy.LocalizedText;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the other sections refer to: the {@code data-items} a shop handles and its contact
 * {@code channels} (the built-in ones, which a policy may retitle, and its own).
 */
final class CatalogueReader {

    private static final Set<String> DATA_ITEM_KEYS = Set.of("id", "title", "sensitive", "related-info");
    private static final Set<String> CHANNEL_KEYS = Set.of("id", "title", "electronic-mail");

    /** The channels purposes may name (built-in and declared) and those the policy itself declares. */
    record Channels(Map<String, Channel> known, Set<String> declared) {
    }

    Map<String, DataItem> dataItems(Fields top) {
        Map<String, DataItem> dataItems = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        top.forEach("data-items", DATA_ITEM_KEYS, f -> {
            String id = f.uniqueId(seen);
            LocalizedText title = f.localized("title", true);
            if (id != null && title != null) {
                dataItems.put(id, new DataItem(id, title, f.flag("sensitive"), f.flag("related-info")));
            }
        });
        return dataItems;
    }

    Channels channels(Fields top) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (String builtIn : Channel.BUILT_IN) {
            channels.put(builtIn, Channel.builtIn(builtIn));
        }
        Set<String> declared = new HashSet<>();
        top.forEach("channels", CHANNEL_KEYS, f -> {
            String id = f.uniqueId(declared);
            LocalizedText title = f.localized("title", true);
            if (id != null && title != null) {
                boolean electronic = f.has("electronic-mail") ? f.flag("electronic-mail")
                        : Channel.BUILT_IN.contains(id) && Channel.builtIn(id).electronicMail();
                channels.put(id, new Channel(id, title, electronic));
            }
        });
        return new Channels(channels, declared);
    }
}
