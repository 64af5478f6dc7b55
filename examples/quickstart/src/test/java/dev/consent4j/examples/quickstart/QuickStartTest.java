package dev.consent4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.policy.load.PolicyCheckResult;
import dev.consent4j.policy.load.PolicyLoader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's plain-servlet quick start, run as written: its page carries the banner, and the banner is served. */
class QuickStartTest {

    /** What {@code openssl rand -base64 32} prints: 32 bytes in Base64. */
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server server;

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        server = QuickStart.start(0, KEY, "jdbc:h2:file:" + directory.resolve("consent").toAbsolutePath());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void thePolicyFileIsValid() throws Exception {
        try (InputStream input = getClass().getClassLoader().getResourceAsStream("consent-policy.yaml")) {
            PolicyCheckResult result = PolicyLoader.check("consent-policy.yaml", input);
            assertThat(result.problems()).isEmpty();
        }
    }

    @Test
    void thePageHasTheBannerTagsInItsHead() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        String head = page.body().substring(0, page.body().indexOf("</head>"));
        assertThat(head).contains("<script src=\"/consent/assets/consent.js\" data-base=\"/consent\"></script>",
                "<link rel=\"stylesheet\" href=\"/consent/assets/consent.css\">");
        assertThat(page.body()).contains("data-consent-open");
    }

    @Test
    void theBannerIsServed() throws Exception {
        HttpResponse<String> script = get("/consent/assets/consent.js");
        HttpResponse<String> styles = get("/consent/assets/consent.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(script.body()).contains("consent4j");
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    }

    @Test
    void theBannerHasAPolicyAndAStateToShow() throws Exception {
        HttpResponse<String> policy = get("/consent/policy");
        HttpResponse<String> state = get("/consent/state");

        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("\"policyId\":\"tsukimi-kashiho\"", "\"id\":\"analytics\"");
        assertThat(state.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
