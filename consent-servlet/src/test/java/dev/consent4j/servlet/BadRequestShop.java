package dev.consent4j.servlet;

import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.servlet.badrequests.Target;
import dev.consent4j.servlet.testing.CountingRequests;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.servlet.testing.TestLogin;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.util.List;

/**
 * The shop the bad-request table runs against on a plain servlet container, set up as
 * {@link dev.consent4j.servlet.badrequests.BadRequests} describes; the container test mounts
 * {@link #filter} at {@code /*} and {@link #endpoints} at {@code /consent/*} and
 * {@code /.well-known/gpc.json}.
 */
final class BadRequestShop {

    final ShopFixture shop = new ShopFixture();
    final CountingRequests requests = new CountingRequests();
    final UnsubscribeTokens tokens = new UnsubscribeTokens(shop.keys, shop.clock);
    final ConsentFilter filter = shop.filter().jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP))
            .contentSecurityPolicy(CspMode.REPORT_ONLY, "default-src 'self'").cspReportPath("/consent/csp-report").build();
    final GuardianConsentTokens guardianTokens = new GuardianConsentTokens(shop.keys, shop.clock);
    final ConsentEndpoints endpoints = ConsentEndpoints.builder(shop.consents, tokens).guardianTokens(guardianTokens)
            .requests(PersonalRequests.builder(shop.consents, requests).build())
            .build();

    Target target() {
        return new Target(shop.consents, shop.keys, tokens, guardianTokens);
    }

    long storedState() {
        return shop.store.eventCount() + requests.writes();
    }

    static List<String> signIn(Caller caller) {
        return switch (caller) {
            case VISITOR -> List.of();
            case CUSTOMER -> List.of(TestLogin.USER_HEADER + ": alice");
            case OPERATOR -> List.of(TestLogin.USER_HEADER + ": olga", TestLogin.ROLES_HEADER + ": CONSENT_OPERATOR");
        };
    }
}
