package dev.consent4j.test.check;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Policy YAML that would declare an undeclared item, in the format of docs/policy-format.md. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * A cookie entry to put under a cookie category's {@code cookies:}.
     *
     * @param setBy   {@code server}, {@code script} or {@code third-party-domain}
     * @param storage {@code cookie} or {@code local-storage}
     */
    public static String cookie(String name, @Nullable String domain, String setBy, String storage) {
        StringBuilder yaml = new StringBuilder("cookie-categories:\n  - id: <category>   # e.g. analytics or advertising\n"
                + "    cookies:\n      - {name: " + quoted(name));
        if (domain != null && !domain.isEmpty()) {
            yaml.append(", domains: [").append(quoted(domain)).append(']');
        }
        if (setBy != null && !setBy.equals("server")) {
            yaml.append(", set-by: ").append(setBy);
        }
        if (storage != null && !storage.equals("cookie")) {
            yaml.append(", storage: ").append(storage);
        }
        return yaml.append("}\n").toString();
    }

    /** A tracker entry for a host, with the fields a shop must fill in. */
    public static String host(String host) {
        String id = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "trackers:\n"
                + "  - id: " + id + "\n"
                + "    recipient: <recipient id>   # declare the company under recipients:\n"
                + "    category: <category>        # e.g. analytics or advertising\n"
                + "    hosts: [" + quoted(host) + "]\n"
                + "    requests: [script, connect, img]\n"
                + "    sends: [{ja: <送信される情報>, en: <what is sent>}]\n"
                + "    site-purpose: {ja: <利用目的>, en: <why the shop uses it>}\n"
                + "    recipient-purpose: {ja: <送信先での利用目的>, en: <what the recipient does with it>}\n";
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_.\\-]+") ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
