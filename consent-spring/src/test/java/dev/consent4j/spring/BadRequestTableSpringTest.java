package dev.consent4j.spring;

import dev.consent4j.ConsentManager;
import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.servlet.badrequests.BadRequestTableContract;
import dev.consent4j.servlet.badrequests.Server;
import dev.consent4j.servlet.badrequests.Target;
import dev.consent4j.guardian.GuardianConsentTokens;
import dev.consent4j.signing.SigningKeys;
import dev.consent4j.spring.app.TestShopApplication;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bad-request table against the Spring Boot app: consent-spring's auto-configuration on
 * Tomcat, behind Spring Security, the JDBC stores on H2, CSP reports on.
 */
@SpringBootTest(classes = TestShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:badrequests;DB_CLOSE_DELAY=-1", "consent.default-jurisdiction=JP",
                "consent.csp.mode=report-only"})
class BadRequestTableSpringTest extends BadRequestTableContract {

    @LocalServerPort
    int port;

    @Autowired
    ConsentManager consents;

    @Autowired
    SigningKeys keys;

    @Autowired
    UnsubscribeTokens tokens;

    @Autowired
    GuardianConsentTokens guardianTokens;

    @Autowired
    JdbcTemplate jdbc;

    @Override
    protected Server server() {
        return Server.SPRING;
    }

    @Override
    protected int port() {
        return port;
    }

    @Override
    protected Target target() {
        return new Target(consents, keys, tokens, guardianTokens);
    }

    @Override
    protected List<String> signIn(Caller caller) {
        return switch (caller) {
            case VISITOR -> List.of();
            case CUSTOMER -> List.of(basic("alice"));
            case OPERATOR -> List.of(basic("olga"));
        };
    }

    @Override
    protected long storedState() {
        long state = 0;
        for (String table : List.of("consent_event", "consent_request", "consent_request_step")) {
            state += jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        }
        return state;
    }

    private static String basic(String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
    }
}
