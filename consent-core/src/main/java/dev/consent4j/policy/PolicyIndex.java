package dev.consent4j.policy;

import dev.consent4j.LogSafe;
import dev.consent4j.internal.match.HostMatcher;
import dev.consent4j.internal.match.NameMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The lookups a {@link Policy} derives from its declarations, compiled once when it is built: the
 * purposes carried out through each cookie category, the cookie-name matchers and the tracker-host
 * matcher.
 */
final class PolicyIndex {

    final Map<String, List<Purpose>> purposesByCategory;
    final NameMatcher<CookieCategory> cookieCategories;
    final NameMatcher<CookieDeclaration> cookieDeclarations;
    final HostMatcher<Tracker> trackerHosts;

    PolicyIndex(Map<String, Purpose> purposes, Map<String, CookieCategory> categories, Map<String, Tracker> trackers) {
        Map<String, List<Purpose>> byCategory = new HashMap<>();
        for (Purpose purpose : purposes.values()) {
            for (String category : purpose.cookieCategories()) {
                if (!categories.containsKey(category)) {
                    throw new IllegalArgumentException("purpose " + LogSafe.quote(purpose.id()) + " is carried out through cookie category '"
                            + category + "', which the policy does not declare");
                }
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(purpose);
            }
        }
        byCategory.replaceAll((category, list) -> List.copyOf(list));
        this.purposesByCategory = Map.copyOf(byCategory);

        NameMatcher.Builder<CookieCategory> cookies = NameMatcher.builder();
        NameMatcher.Builder<CookieDeclaration> declarations = NameMatcher.builder();
        // Exact names of every category first, so an exact declaration beats another's glob.
        for (CookieCategory category : categories.values()) {
            for (CookieDeclaration cookie : category.cookies()) {
                if (cookie.isCookie()) {
                    cookies.add(cookie.name(), category);
                    declarations.add(cookie.name(), cookie);
                }
            }
        }
        this.cookieCategories = cookies.build();
        this.cookieDeclarations = declarations.build();
        HostMatcher.Builder<Tracker> hosts = HostMatcher.builder();
        for (Tracker tracker : trackers.values()) {
            for (String host : tracker.hosts()) {
                hosts.add(host, tracker);
            }
        }
        this.trackerHosts = hosts.build();
    }

    /** The items by id, in declaration order; a second item with an id is refused. */
    static <T> Map<String, T> byId(List<T> items, Function<T, String> id, String kind) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            if (map.putIfAbsent(id.apply(item), item) != null) {
                throw new IllegalArgumentException("duplicate " + kind + " id '" + id.apply(item) + "'");
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The built-in channels (email, sms, phone, post) the policy does not redeclare, then its own. */
    static List<Channel> withBuiltIn(List<Channel> declared) {
        List<Channel> all = new ArrayList<>();
        for (String builtIn : List.of("email", "sms", "phone", "post")) {
            if (declared.stream().noneMatch(c -> c.id().equals(builtIn))) {
                all.add(Channel.builtIn(builtIn));
            }
        }
        all.addAll(declared);
        return all;
    }

    /** The version of the last of {@code revisions} that removed {@code topicId}, or {@code null}. */
    static @Nullable String removedIn(List<Revision> revisions, String topicId) {
        String removedIn = null;
        for (Revision revision : revisions) {
            if (revision.removed(topicId)) {
                removedIn = revision.version();
            }
        }
        return removedIn;
    }

    /**
     * The revisions after {@code version} in {@code history}; every revision when the history does
     * not list it; none when it is {@code current}.
     */
    static List<Revision> revisionsAfter(List<Revision> history, String current, String version) {
        if (current.equals(version)) {
            return List.of();
        }
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).version().equals(version)) {
                return history.subList(i + 1, history.size());
            }
        }
        return history;
    }

    /** {@link Policy#changedSince(String, String, String)} of the policy at {@code current} with {@code history}. */
    static boolean changedSince(List<Revision> history, String current, String grantedUnder, String topicId,
            @Nullable String channel) {
        if (current.equals(grantedUnder)) {
            return false;
        }
        if (history.stream().noneMatch(r -> r.version().equals(grantedUnder))) {
            return true;
        }
        String onChannel = channel == null ? null : Revision.key(topicId, channel);
        return revisionsAfter(history, current, grantedUnder).stream()
                .anyMatch(r -> r.changed().contains(topicId) || onChannel != null && r.changed().contains(onChannel));
    }

    /** The first of {@code languages} that {@code requested} names or narrows ({@code ja-JP} → {@code ja}), else the first. */
    static String bestLanguage(List<String> languages, @Nullable String requested) {
        if (requested != null) {
            for (String language : languages) {
                if (requested.equalsIgnoreCase(language)
                        || requested.regionMatches(true, 0, language, 0, language.length())
                        && requested.length() > language.length() && requested.charAt(language.length()) == '-') {
                    return language;
                }
            }
        }
        return languages.get(0);
    }
}
