package dev.consent4j.spring.actuate;

import dev.consent4j.ConsentManager;
import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.ConsentEndpoints;
import dev.consent4j.servlet.ConsentFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/consent}: the loaded policy and what enforcement has seen. */
@Endpoint(id = "consent")
public final class ConsentActuatorEndpoint {

    private final ConsentManager consents;
    private final @Nullable ConsentFilter filter;
    private final @Nullable ConsentEndpoints endpoints;

    /** Without a filter or endpoints (no servlet web application), their figures are null. */
    public ConsentActuatorEndpoint(ConsentManager consents, @Nullable ConsentFilter filter,
            @Nullable ConsentEndpoints endpoints) {
        this.consents = consents;
        this.filter = filter;
        this.endpoints = endpoints;
    }

    @ReadOperation
    public Map<String, Object> consent() {
        Policy policy = consents.policy();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policyId", policy.id());
        body.put("policyVersion", policy.version());
        body.put("effectiveDate", policy.effectiveDate().toString());
        body.put("purposes", policy.purposes().size());
        body.put("cookieCategories", policy.cookieCategories().size());
        body.put("recipients", policy.recipients().size());
        body.put("trackers", policy.trackers().size());
        body.put("undeclaredCookies", filter == null ? null : filter.undeclaredCookies());
        body.put("undeclaredHosts", endpoints == null ? null : endpoints.undeclaredHosts());
        return body;
    }
}
