package dev.consent4j.servlet.badrequests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consent4j.servlet.badrequests.BadRequest.Caller;
import dev.consent4j.servlet.badrequests.BadRequest.Expect;
import dev.consent4j.servlet.testing.RawHttp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@link BadRequests} table against one server. A subclass starts the server (set up as
 * {@link BadRequests} describes) and says how to reach it, how to sign callers in, and how much
 * state its stores hold.
 *
 * <p>Each row must get its expected status and body (problem+json with status, title and
 * detail; the HTML page; or, for a forged cookie, the undecided state), a 405 names the methods
 * in {@code Allow}, no response sets a cookie (only expiries, and the container's session cookie,
 * which Spring Security's CSRF refusal creates and which grants nothing), nothing is stored, and
 * nothing is ever a 5xx.
 */
public abstract class BadRequestTableContract {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BadRequestTableContract.class);

    /** The bar: the table covers every endpoint and the filter in at least this many rows. */
    public static final int MINIMUM_ROWS = 150;

    protected abstract Server server();

    protected abstract int port();

    protected abstract Target target();

    /** The header lines that sign {@code caller} in on this server. */
    protected abstract List<String> signIn(Caller caller);

    /** Everything the stores hold that a request could change: consent events, requests, their steps. */
    protected abstract long storedState() throws Exception;

    @TestFactory
    Stream<DynamicTest> everyBadRequestGetsAClearAnswerAndChangesNothing() throws Exception {
        JsonNode undecided = decisions(send("GET", BadRequests.BASE + "/state", List.of(), null));
        return BadRequests.table(target()).stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            try {
                check(row, undecided);
            } catch (AssertionError e) {
                throw new AssertionError(server() + ", " + row.name() + ": " + e.getMessage(), e);
            }
        }));
    }

    @Test
    void theTableHasAtLeast150DistinctRows() {
        List<BadRequest> rows = BadRequests.table(target());
        Set<String> names = new HashSet<>();
        Set<BadRequest> requests = new HashSet<>();

        assertThat(rows).hasSizeGreaterThanOrEqualTo(MINIMUM_ROWS);
        assertThat(rows).allMatch(row -> names.add(row.name()), "names are unique");
        assertThat(rows).allMatch(requests::add, "no request is in the table twice");
    }

    /** The forged-cookie rows could fail: the same cookie, correctly signed, is honoured. */
    @Test
    void theGrantingCookieTheForgeriesStartFromIsHonouredWhenIntact() throws Exception {
        JsonNode undecided = decisions(send("GET", BadRequests.BASE + "/state", List.of(), null));
        RawHttp.Response granted = send("GET", BadRequests.BASE + "/state",
                List.of("Cookie: consent=" + BadRequests.grantingCookie(target())), null);

        assertThat(granted.status()).isEqualTo(200);
        assertThat(decisions(granted)).isNotEqualTo(undecided);
        assertThat(JsonMapper.shared().readTree(granted.body()).at("/categories/advertising").booleanValue()).isTrue();
    }

    private void check(BadRequest row, JsonNode undecided) throws Exception {
        long before = storedState();
        List<String> headers = new java.util.ArrayList<>(signIn(row.caller()));
        headers.addAll(row.headers());

        RawHttp.Response response = send(row.method(), row.target(), headers, row.body());

        assertThat(response.status()).as("never a server error: %s", response).isLessThan(500);
        String contentType = response.first("Content-Type").orElse("");
        boolean problem = contentType.startsWith("application/problem+json");
        String refusal = row.refusals().get(server());
        if (refusal != null && response.status() >= 400 && !problem) {
            assertThat(response.status()).as("refused by the container (%s): %s", refusal, response).isBetween(400, 499);
            LOG.info("{} refused '{}' itself: {}", server(), row.name(), response.status());
        } else {
            expect(row, response, problem, undecided);
        }
        assertThat(response.all("Set-Cookie")).as("no cookie granted")
                .allMatch(cookie -> expiry(cookie) || cookie.startsWith("JSESSIONID="));
        assertThat(storedState()).as("nothing stored").isEqualTo(before);
    }

    private static void expect(BadRequest row, RawHttp.Response response, boolean problem, JsonNode undecided) {
        switch (row.expect()) {
            case PROBLEM -> {
                assertThat(response.status()).as("%s", response).isEqualTo(row.status());
                assertThat(problem).as("problem+json: %s", response).isTrue();
                if (!row.method().equals("HEAD")) {
                    JsonNode body = JsonMapper.shared().readTree(response.body());
                    assertThat(body.get("status").intValue()).isEqualTo(row.status());
                    assertThat(body.get("title").stringValue()).isNotBlank();
                    assertThat(body.get("detail").stringValue()).isNotBlank();
                }
                if (row.status() == 405) {
                    assertThat(response.first("Allow")).as("Allow").hasValueSatisfying(allow ->
                            assertThat(allow.split(",\\s*")).isNotEmpty().doesNotContain(row.method()));
                }
            }
            case PAGE -> {
                assertThat(response.status()).as("%s", response).isEqualTo(row.status());
                assertThat(response.first("Content-Type")).as("%s", response).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/html"));
            }
            case SERVED -> assertThat(response.status()).as("%s", response).isBetween(200, 299);
            case SERVED_UNDECIDED -> {
                assertThat(response.status()).as("%s", response).isEqualTo(200);
                assertThat(decisions(response)).as("the state of a visitor without a cookie").isEqualTo(undecided);
            }
        }
    }

    /** What a state response decides: the categories, purposes and decisions with reasons. */
    private static JsonNode decisions(RawHttp.Response state) {
        assertThat(state.status()).as("%s", state).isEqualTo(200);
        JsonNode body = JsonMapper.shared().readTree(state.body());
        tools.jackson.databind.node.ObjectNode decided = JsonMapper.shared().createObjectNode();
        decided.set("categories", body.get("categories"));
        decided.set("purposes", body.get("purposes"));
        decided.set("decisions", body.get("decisions"));
        return decided;
    }

    private static boolean expiry(String setCookie) {
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        return lower.contains("max-age=0") || lower.contains("expires=thu,01-jan-1970") || lower.contains("expires=thu,01jan1970");
    }

    private RawHttp.Response send(String method, String target, List<String> headers, byte[] body) throws Exception {
        String port = Integer.toString(port());
        return RawHttp.send(port(), method, target, headers.stream().map(h -> h.replace("{port}", port)).toList(), body);
    }
}
