package dev.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.testing.JettyShop;
import dev.consent4j.servlet.testing.ShopFixture;
import dev.consent4j.store.memory.InMemoryLedgerStore;
import dev.consent4j.unsubscribe.UnsubscribeTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Methods over HTTP on Jetty: a method a path does not take gets 405 problem+json with an
 * {@code Allow} header naming those it does, and HEAD answers wherever GET does, as GET does
 * but without a body.
 */
class EndpointMethodsTest {

    private static final ShopFixture SHOP = new ShopFixture();
    private static final InMemoryLedgerStore LEDGER = new InMemoryLedgerStore();
    private static final UnsubscribeTokens TOKENS = new UnsubscribeTokens(SHOP.keys, SHOP.clock);
    private static final String USER = JettyShop.TEST_USER_HEADER;
    /** Headers a HEAD must answer exactly as the GET does. */
    private static final List<String> SAME_HEADERS = List.of("Content-Type", "Content-Length", "Cache-Control",
            "Content-Language", "ETag", "Vary", "Content-Disposition", "X-Content-Type-Options", "Referrer-Policy", "Allow");
    private static JettyShop server;

    @BeforeAll
    static void start() throws Exception {
        ConsentFilter filter = SHOP.filter().jurisdictions(JurisdictionResolver.fixed(Jurisdiction.JP)).build();
        ConsentEndpoints endpoints = ConsentEndpoints.builder(SHOP.consents, TOKENS)
                .requests(PersonalRequests.builder(SHOP.consents, LEDGER).provisions(LEDGER).build())
                .operator(request -> "op-1".equals(request.getRemoteUser()))
                .build();
        server = new JettyShop().filter(filter, "/*").servlet(endpoints, "/consent/*")
                .servlet(endpoints, "/.well-known/gpc.json").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String token() {
        return TOKENS.issue(SubjectId.customer("alice"), "newsletter", "email");
    }

    /** A request the path does not take, the {@code Allow} it must answer, and extra request headers. */
    record Wrong(String method, String path, String allow, List<String> headers) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Wrong wrong(String method, String path, String allow, String... headers) {
        return new Wrong(method, path, allow, List.of(headers));
    }

    static Stream<Wrong> wrongMethods() {
        String operatorRequest = "/consent/operator/requests/" + UUID.randomUUID();
        return Stream.of(
                wrong("POST", "/consent/policy", "GET, HEAD"),
                wrong("POST", "/consent/state", "GET, HEAD"),
                wrong("DELETE", "/consent/state", "GET, HEAD"),
                wrong("OPTIONS", "/consent/state", "GET, HEAD"),
                wrong("GET", "/consent/choices", "POST"),
                wrong("HEAD", "/consent/choices", "POST"),
                wrong("PUT", "/consent/choices", "POST"),
                wrong("GET", "/consent/opt-out", "POST"),
                wrong("GET", "/consent/do-not-sell", "POST"),
                wrong("POST", "/consent/disclosure", "GET, HEAD"),
                wrong("POST", "/consent/export", "GET, HEAD"),
                wrong("GET", "/consent/csp-report", "POST"),
                wrong("POST", "/consent/assets/consent.js", "GET, HEAD"),
                wrong("POST", "/.well-known/gpc.json", "GET, HEAD"),
                wrong("PUT", "/consent/unsubscribe/" + token(), "GET, HEAD, POST"),
                wrong("DELETE", "/consent/unsubscribe/garbage", "GET, HEAD, POST"),
                wrong("PUT", "/consent/requests", "GET, HEAD, POST", USER, "alice"),
                wrong("POST", "/consent/operator/requests", "GET, HEAD", USER, "op-1"),
                wrong("GET", operatorRequest, "POST", USER, "op-1"),
                wrong("HEAD", operatorRequest, "POST", USER, "op-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethods")
    void aWrongMethodGets405WithAllow(Wrong wrong) throws Exception {
        HttpResponse<String> response = server.sendAlone(server.request(wrong.path(), wrong.headers().toArray(String[]::new))
                .method(wrong.method(), HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().allValues("Allow")).containsExactly(wrong.allow());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        if (wrong.method().equals("HEAD")) {
            assertThat(response.body()).isEmpty();
        } else {
            JsonNode problem = JsonMapper.shared().readTree(response.body());
            assertThat(problem.get("status").intValue()).isEqualTo(405);
        }
    }

    /** A GET and the HEAD that must answer as it does; headers are request headers as name, value pairs. */
    static Stream<Arguments> getPaths() {
        return Stream.of(
                Arguments.of("/consent/policy", new String[0]),
                Arguments.of("/consent/policy?lang=en", new String[0]),
                Arguments.of("/consent/state", new String[0]),
                Arguments.of("/consent/disclosure", new String[0]),
                Arguments.of("/consent/disclosure?format=json", new String[0]),
                Arguments.of("/consent/disclosure?format=xml", new String[0]),
                Arguments.of("/consent/export", new String[0]),
                Arguments.of("/consent/assets/consent.js", new String[0]),
                Arguments.of("/consent/assets/consent.css", new String[0]),
                Arguments.of("/.well-known/gpc.json", new String[0]),
                Arguments.of("/consent/unsubscribe/" + token(), new String[0]),
                Arguments.of("/consent/unsubscribe/garbage", new String[0]),
                Arguments.of("/consent/requests", new String[] {USER, "alice"}),
                Arguments.of("/consent/requests", new String[0]),
                Arguments.of("/consent/operator/requests", new String[] {USER, "op-1"}),
                Arguments.of("/consent/operator/requests", new String[0]),
                Arguments.of("/consent/admin", new String[0]));
    }

    @ParameterizedTest(name = "HEAD {0} {1}")
    @MethodSource("getPaths")
    void headAnswersAsGetWithoutABody(String path, String[] headers) throws Exception {
        HttpResponse<String> get = server.sendAlone(server.request(path, headers).GET().build());
        HttpResponse<String> head = server.sendAlone(server.request(path, headers)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(head.statusCode()).as("HEAD %s answered %s; GET %s", path, head.statusCode(), get.statusCode())
                .isEqualTo(get.statusCode());
        assertThat(head.statusCode()).isNotEqualTo(405);
        assertThat(head.body()).isEmpty();
        for (String name : SAME_HEADERS) {
            assertThat(head.headers().allValues(name)).as("%s of HEAD %s %s", name, path, Arrays.toString(headers))
                    .isEqualTo(get.headers().allValues(name));
        }
    }
}
