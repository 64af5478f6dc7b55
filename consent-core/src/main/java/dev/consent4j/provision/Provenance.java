package dev.consent4j.provision;

/**
 * What a shop must confirm about a third party that gives it personal data (APPI art. 30): who the
 * provider is and how the provider obtained the data.
 *
 * @param representative the provider's representative; required when the provider is a corporation
 * @param acquisition    how the provider obtained the data (e.g. "entered by the person in our
 *                       sign-up form, with consent to provision to partner shops")
 */
public record Provenance(String providerName, String providerAddress, String representative, boolean corporation,
        String acquisition) {
}
