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

    /** The Google Consent Mode v2 types, in the order Google lists them; {@code consentModeTypes} names some of these. */
    public static final List<String> CONSENT_MODE_TYPES = List.of("ad_storage", "ad_user_data", "ad_personalization",
            "analytics_storage", "functionality_storage", "personalization_storage", "security_storage");

    public CookieCategory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
        Objects.requireNonNull(basis, "basis");
        cookies = List.copyOf(cookies);
        consentModeTypes = List.copyOf(consentModeTypes);
    }
}
