package dev.consent4j.examples.quickstart.snippets;

// tag::servlet-filter[]
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.JurisdictionResolver;
import dev.consent4j.signing.SigningKey;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.time.Clock;
// end::servlet-filter[]
import dev.consent4j.ConsentManager;
import jakarta.servlet.http.HttpServletRequest;

/** README, "On every request: the filter and the endpoints". */
class ServletFilterSnippet {

    void run(ConsentManager consents, HttpServletRequest request) {
        // tag::servlet-filter[]
        SigningKeys keys = SigningKeys.of(SigningKey.fromBase64("k1", System.getenv("CONSENT_KEY")));
        ConsentFilter filter = ConsentFilter.builder(consents, keys)
                .jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
                .contentSecurityPolicy(CspMode.ENFORCE, "default-src 'self'")
                .build();
        UnsubscribeTokens tokens = new UnsubscribeTokens(keys, Clock.systemUTC());
        ConsentEndpoints endpoints = ConsentEndpoints.builder(consents, tokens).build();
        // map filter to /* (REQUEST, ERROR, ASYNC); endpoints to /consent/* and /.well-known/gpc.json

        if (ConsentContext.state(request).allows("targeted-ads")) { /* render the ad tag */ }
        // end::servlet-filter[]
    }
}
