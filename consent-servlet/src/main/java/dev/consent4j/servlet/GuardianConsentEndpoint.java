package dev.consent4j.servlet;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.Action;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.servlet.endpoint.CrossSiteCheck;
import dev.consent4j.servlet.endpoint.JsonIo;
import dev.consent4j.servlet.endpoint.Problem;
import dev.consent4j.servlet.endpoint.Views;
import dev.consent4j.servlet.request.RequestEvidence;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST {base}/guardian-consent}: a guardian's choices for the signed-in minor, recorded with
 * actor {@code GUARDIAN} and source {@code GUARDIAN_CONSENT}, and the request's evidence (the
 * notice version, the language, the browser and its network) — the grants a minors rule needs.
 * Same-origin only, like every state-changing endpoint; the shop shows the screen to the guardian
 * (at sign-up, or on the minor's account page with the guardian present) and decides how it
 * satisfies itself that the guardian is there.
 */
final class GuardianConsentEndpoint {

    private static final Set<String> FIELDS = Set.of("choices", "language");

    private final ConsentManager consents;

    GuardianConsentEndpoint(ConsentManager consents) {
        this.consents = consents;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, ConsentContext context) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        JsonNode body = JsonIo.readJson(request);
        SubjectId minor = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                "a guardian's consent is recorded for a signed-in customer's account; sign in first"));
        Policy policy = consents.policy();
        Jurisdiction jurisdiction = context.signals().jurisdiction();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(new Problem.FieldError("/" + ConsentEndpoints.pointer(field), "unknown field; expected choices, language"));
            }
        }
        String language = null;
        JsonNode languageNode = body.get("language");
        if (languageNode != null) {
            if (languageNode.isString() && policy.languages().contains(languageNode.stringValue())) {
                language = languageNode.stringValue();
            } else {
                errors.add(new Problem.FieldError("/language", "language is one of the policy's: " + policy.languages()));
            }
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        JsonNode each = body.get("choices");
        if (each == null || !each.isObject() || each.isEmpty()) {
            errors.add(new Problem.FieldError("/choices", "choices is a non-empty object of topic: action"));
        } else {
            for (Map.Entry<String, JsonNode> entry : each.properties()) {
                String at = "/choices/" + ConsentEndpoints.pointer(entry.getKey());
                Topic topic;
                try {
                    topic = Topic.parse(entry.getKey());
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError(at, "a topic is category:<id>, purpose:<id> or purpose:<id>:<channel>"));
                    continue;
                }
                Action action = ConsentEndpoints.action(entry.getValue());
                if (action == null || action == Action.OBJECT) {
                    errors.add(new Problem.FieldError(at, "a guardian's action is \"grant\", \"deny\" or \"withdraw\""));
                    continue;
                }
                if (topic.kind() != Topic.Kind.CATEGORY && policy.purpose(topic.id())
                        .filter(p -> p.basis().in(jurisdiction) == Basis.NOTICE).isPresent()) {
                    errors.add(new Problem.FieldError(at, "purpose '" + topic.id() + "' is notice-only and offers no choice"));
                    continue;
                }
                choices.put(topic, action);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        Evidence evidence = RequestEvidence.of(request, policy.version(), language);
        consents.record(ChoiceRequest.byGuardian(minor, choices, jurisdiction, evidence));
        context.update(consents.state(minor, context.signals()), null);
        ConsentEndpoints.noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings()));
    }
}
