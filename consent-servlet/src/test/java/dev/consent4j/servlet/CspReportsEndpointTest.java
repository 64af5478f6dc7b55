package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.servlet.ConsentFilter.CspMode;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anyone can post CSP reports: they must not crowd out real findings, nor be taken when no CSP is sent. */
class CspReportsEndpointTest {

    private static final String REPORTS = "application/reports+json";
    private final ShopFixture shop = new ShopFixture();
    private ConsentEndpoints endpoints;
    private JettyShop server;

    private void start(CspMode mode) throws Exception {
        ConsentFilter.Builder filter = shop.filter();
        if (mode != CspMode.OFF) {
            filter.contentSecurityPolicy(mode, "default-src 'self'").cspReportPath("/consent/csp-report");
        }
        endpoints = ConsentEndpoints.builder(shop.consents, new UnsubscribeTokens(shop.keys, shop.clock)).build();
        server = new JettyShop().trustForwardedHeaders().filter(filter.build(), "/*").servlet(endpoints, "/consent/*").start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> report(String from, String... blockedHosts) throws Exception {
        StringJoiner reports = new StringJoiner(",", "[", "]");
        for (String host : blockedHosts) {
            reports.add("{\"type\":\"csp-violation\",\"body\":{\"blockedURL\":\"https://" + host + "/t.js\"}}");
        }
        return server.post("/consent/csp-report", REPORTS, reports.toString(), "X-Forwarded-For", from);
    }

    @Test
    void aFloodFromOneNetworkCannotPushOutAHostReportedFromManyNetworks() throws Exception {
        start(CspMode.REPORT_ONLY);
        // One network, many addresses in it, 60 reports of 20 made-up hosts each over a minute.
        for (int i = 0; i < 60; i++) {
            String[] hosts = new String[20];
            for (int h = 0; h < hosts.length; h++) {
                hosts[h] = "junk" + (i * 20 + h) + ".example";
            }
            assertThat(report("198.51.100." + (i % 250 + 1), hosts).statusCode()).isEqualTo(204);
            shop.clock.advance(Duration.ofSeconds(1));
        }
        // Then browsers on 30 networks report the tracker the shop forgot to declare.
        for (int n = 0; n < 30; n++) {
            assertThat(report("203.0." + n + ".7", "forgotten.example").statusCode()).isEqualTo(204);
            shop.clock.advance(Duration.ofSeconds(1));
        }
        // And the flood goes on, now from another network, long after the list is full.
        for (int i = 0; i < 600; i++) {
            String[] hosts = new String[20];
            for (int h = 0; h < hosts.length; h++) {
                hosts[h] = "more" + (i * 20 + h) + ".example";
            }
            report("2001:db8:" + (i % 2) + ":1::" + (i + 1), hosts);
            shop.clock.advance(Duration.ofSeconds(1));
        }

        Map<String, Long> hosts = endpoints.undeclaredHosts();
        assertThat(hosts).containsEntry("forgotten.example", 30L).hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void oneNetworkIsLimitedToTenReportsAMinute() throws Exception {
        start(CspMode.ENFORCE);
        for (int i = 0; i < 30; i++) {
            report("198.51.100." + (i + 1), "junk" + i + ".example");
        }
        report("192.0.2.1", "other.example");

        assertThat(endpoints.undeclaredHosts()).hasSize(11).containsKey("other.example");
        shop.clock.advance(Duration.ofMinutes(1));
        report("198.51.100.99", "later.example");
        assertThat(endpoints.undeclaredHosts()).containsKey("later.example");
    }

    @Test
    void withCspOffTheEndpointRefusesReportsAndChangesNothing() throws Exception {
        start(CspMode.OFF);

        HttpResponse<String> legacy = server.post("/consent/csp-report", "application/csp-report",
                "{\"csp-report\":{\"blocked-uri\":\"https://sneaky.example/t.js\"}}", "X-Forwarded-For", "203.0.113.9");
        HttpResponse<String> modern = report("203.0.113.9", "other.example");

        assertThat(legacy.statusCode()).isEqualTo(404);
        assertThat(legacy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(modern.statusCode()).isEqualTo(404);
        assertThat(endpoints.undeclaredHosts()).isEmpty();
    }
}
