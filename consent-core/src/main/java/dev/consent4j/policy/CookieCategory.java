package dev.consent4j.policy;

import java.util.List;
import java.util.Objects;

/**
 * A category of cookies and trackers a shopper chooses as one: necessary, preferences,
 * analytics, advertising…
 *
 * @param consentModeTypes the Google Consent Mode types this category grants, e.g.
 *                         {@code analytics_storage} or {@code ad_storage}
 */
public record CookieCategory(
        String id,
        LocalizedText title,
        LocalizedText description,
        BasisRule basis,
        List<CookieDeclaration> cookies,
        List<String> consentModeTypes) {

    public CookieCategory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
        Objects.requireNonNull(basis, "basis");
        cookies = List.copyOf(cookies);
        consentModeTypes = List.copyOf(consentModeTypes);
    }
}
