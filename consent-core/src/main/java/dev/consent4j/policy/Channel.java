package dev.consent4j.policy;

import java.util.Objects;
import java.util.Set;

/**
 * A way the shop contacts a person for marketing: {@code email}, {@code sms}, {@code phone},
 * {@code post}, or one the shop defines, such as a messaging app.
 *
 * @param electronicMail whether the channel is electronic mail in the sense of Japan's Act on
 *                       Specified Electronic Mail (e-mail and SMS), where advertising is opt-in only
 */
public record Channel(String id, LocalizedText title, boolean electronicMail) {

    /** The channels every policy has without declaring them. */
    public static final Set<String> BUILT_IN = Set.of("email", "sms", "phone", "post");

    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }

    /** The built-in channel with this id, with English and Japanese titles. */
    public static Channel builtIn(String id) {
        return switch (id) {
            case "email" -> new Channel(id, LocalizedText.of("en", "E-mail", "ja", "メール"), true);
            case "sms" -> new Channel(id, LocalizedText.of("en", "SMS", "ja", "SMS"), true);
            case "phone" -> new Channel(id, LocalizedText.of("en", "Phone", "ja", "電話"), false);
            case "post" -> new Channel(id, LocalizedText.of("en", "Post", "ja", "郵送"), false);
            default -> throw new IllegalArgumentException("not a built-in channel: '" + id + "'");
        };
    }
}
