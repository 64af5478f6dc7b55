package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.testing.PublicApi;
import org.junit.jupiter.api.Test;

/**
 * consent-servlet publishes at most ten types, each listed in {@code public-api.txt}; everything
 * else is package-private beside the filter. No public signature names a type of consent-core's
 * {@code dev.consent4j.internal}.
 */
class PublicApiTest {

    private static final PublicApi API = PublicApi.of(ConsentFilter.class);

    @Test
    void thePublicTypesAreTheListedOnes() {
        assertThat(API.publishedTypes())
                .as("consent-servlet's public types; add a new one to public-api.txt on purpose")
                .isEqualTo(PublicApi.listed(PublicApiTest.class, "public-api.txt"))
                .hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void noPublicSignatureExposesAnInternalType() {
        assertThat(API.leaks()).as("public signatures that name consent-core's internal types").isEmpty();
    }
}
