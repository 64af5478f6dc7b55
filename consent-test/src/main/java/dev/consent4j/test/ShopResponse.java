package dev.consent4j.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the assertions need of an HTTP response, whatever client made it.
 *
 * @param uri                   where it came from (its host is first-party), or {@code null} when unknown
 * @param setCookies            every {@code Set-Cookie} header value
 * @param contentSecurityPolicy the {@code Content-Security-Policy} header, or when there is none
 *                              {@code Content-Security-Policy-Report-Only}; {@code null} without either
 * @param body                  the body as text, or {@code ""}
 */
public record ShopResponse(URI uri, int status, List<String> setCookies, @Nullable String contentSecurityPolicy,
        String body) {

    public ShopResponse {
        setCookies = List.copyOf(setCookies);
        body = body == null ? "" : body;
    }

    /** From a {@code java.net.http} response with a text body. */
    public static ShopResponse of(HttpResponse<String> response) {
        return of(response.uri(), response.statusCode(), name -> response.headers().allValues(name), response.body());
    }

    /**
     * From any client: {@code headers} answers every value of a header by name (case-insensitive),
     * e.g. Spring's {@code MockHttpServletResponse::getHeaders}.
     */
    public static ShopResponse of(URI uri, int status, Function<String, ? extends Collection<String>> headers, String body) {
        Objects.requireNonNull(headers, "headers");
        Collection<String> csp = headers.apply("Content-Security-Policy");
        if (csp == null || csp.isEmpty()) {
            csp = headers.apply("Content-Security-Policy-Report-Only");
        }
        Collection<String> cookies = headers.apply("Set-Cookie");
        return new ShopResponse(uri, status, cookies == null ? List.of() : List.copyOf(cookies),
                csp == null || csp.isEmpty() ? null : String.join(", ", csp), body);
    }
}
