package dev.consent4j.test;

import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.ConsentState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shopper as the shop's tests send them: where they are, whether their browser sends GPC, the
 * signed consent cookie their choices left (if any), and the {@link ConsentState} the library's
 * decision function gives them — what every assertion about them is judged by. Made by
 * {@link ConsentTestKit}; immutable.
 */
public final class Visitor {

    private final String description;
    private final Jurisdiction jurisdiction;
    private final boolean gpc;
    private final @Nullable ConsentCookie cookie;
    private final @Nullable String cookieValue;
    private final ConsentState state;
    private final ConsentTestKit kit;

    Visitor(String description, Jurisdiction jurisdiction, boolean gpc, @Nullable ConsentCookie cookie,
            @Nullable String cookieValue,
            ConsentState state, ConsentTestKit kit) {
        this.description = description;
        this.jurisdiction = jurisdiction;
        this.gpc = gpc;
        this.cookie = cookie;
        this.cookieValue = cookieValue;
        this.state = state;
        this.kit = kit;
    }

    /** E.g. "a first-time visitor in JP", "a visitor in EU after reject all". */
    public String description() {
        return description;
    }

    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    public boolean gpc() {
        return gpc;
    }

    /** The consent cookie this visitor's browser holds, if they have chosen. */
    public Optional<ConsentCookie> cookie() {
        return Optional.ofNullable(cookie);
    }

    /** What the library decides for this visitor, topic by topic, with reasons. */
    public ConsentState state() {
        return state;
    }

    ConsentTestKit kit() {
        return kit;
    }

    /** The request headers that make a plain-HTTP request this visitor's; see {@link #headers(URI)}. */
    public Map<String, String> headers() {
        return headers(false);
    }

    /**
     * The request headers that make a request to {@code target} this visitor's: {@code Cookie} with
     * the signed consent cookie (named {@code __Host-…} over HTTPS, as the filter expects),
     * {@code Sec-GPC: 1}, and the jurisdiction header(s) the kit was told the shop reads.
     */
    public Map<String, String> headers(URI target) {
        return headers("https".equalsIgnoreCase(target.getScheme()));
    }

    private Map<String, String> headers(boolean secure) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (cookieValue != null) {
            headers.put("Cookie", kit.cookieSettings().nameFor(secure) + "=" + cookieValue);
        }
        if (gpc) {
            headers.put("Sec-GPC", "1");
        }
        headers.putAll(kit.jurisdictionHeaders(jurisdiction));
        return Collections.unmodifiableMap(headers);
    }

    /** A {@code java.net.http} request to {@code target} as this visitor. */
    public HttpRequest.Builder request(URI target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target);
        headers(target).forEach(builder::header);
        return builder;
    }

    @Override
    public String toString() {
        return description;
    }
}
