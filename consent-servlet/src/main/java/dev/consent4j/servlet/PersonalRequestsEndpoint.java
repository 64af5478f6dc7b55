package dev.consent4j.servlet;

import static dev.consent4j.servlet.EndpointHelpers.context;
import static dev.consent4j.servlet.EndpointHelpers.noStore;
import static dev.consent4j.servlet.EndpointHelpers.pointer;
import static dev.consent4j.servlet.EndpointHelpers.requireMethod;

import dev.consent4j.event.SubjectId;
import dev.consent4j.request.PersonalRequest;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.Verification;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * {@code {base}/requests} (a signed-in customer files and follows personal requests) and
 * {@code {base}/operator/requests} (the shop's operators move them along).
 */
final class PersonalRequestsEndpoint {

    private final PersonalRequests requests;
    private final Predicate<HttpServletRequest> operator;

    PersonalRequestsEndpoint(PersonalRequests requests, Predicate<HttpServletRequest> operator) {
        this.requests = requests;
        this.operator = operator;
    }

    /** {@code GET}: the signed-in customer's requests; {@code POST}: files one, verified by the login. */
    void personalRequests(HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireMethod(request, "GET", "POST");
        ConsentContext context = context(request);
        noStore(response);
        if (!"POST".equals(request.getMethod())) {
            SubjectId customer = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                    "requests belong to a customer account; sign in first"));
            JsonIo.write(response, 200, new ExportViews.RequestList(requests.of(customer).stream().map(ExportViews::request).toList()));
            return;
        }
        CrossSiteCheck.requireSameOrigin(request);
        JsonNode body = JsonIo.readJson(request);
        SubjectId customer = context.customer().orElseThrow(() -> new Problem(401, "Sign-in required",
                "a request is filed from a customer account, so that the shop knows who asks; sign in first,"
                        + " or contact the shop, which will verify who you are"));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("kind", "targets", "details").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field), "unknown field; expected kind, targets, details"));
            }
        }
        RequestKind kind = null;
        JsonNode kindNode = body.get("kind");
        if (kindNode != null && kindNode.isString()) {
            for (RequestKind candidate : RequestKind.values()) {
                if (candidate.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(kindNode.stringValue())) {
                    kind = candidate;
                }
            }
        }
        if (kind == null) {
            errors.add(new Problem.FieldError("/kind", "kind is one of purpose-notice, disclosure, correction, stop-use,"
                    + " erasure, stop-provision, provision-records"));
        }
        List<String> targets = new ArrayList<>();
        JsonNode targetsNode = body.get("targets");
        if (targetsNode != null) {
            if (!targetsNode.isArray()) {
                errors.add(new Problem.FieldError("/targets", "targets is an array of purpose or recipient ids"));
            } else {
                for (int i = 0; i < targetsNode.size(); i++) {
                    JsonNode target = targetsNode.get(i);
                    if (target.isString()) {
                        targets.add(target.stringValue());
                    } else {
                        errors.add(new Problem.FieldError("/targets/" + i, "a target is a string"));
                    }
                }
            }
        }
        JsonNode detailsNode = body.get("details");
        if (detailsNode != null && !detailsNode.isNull() && (!detailsNode.isString() || detailsNode.stringValue().length() > 2000)) {
            errors.add(new Problem.FieldError("/details", "details is a text of at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        PersonalRequest filed;
        try {
            filed = requests.fileSignedIn(customer, Objects.requireNonNull(kind, "refused above when missing"), targets,
                    detailsNode == null || detailsNode.isNull() ? null : detailsNode.stringValue(),
                    context.signals().jurisdiction());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(List.of(new Problem.FieldError("/targets",
                    Objects.requireNonNullElse(e.getMessage(), "targets are not valid for this kind of request"))));
        }
        JsonIo.write(response, 202, ExportViews.request(filed));
    }

    /**
     * For the shop's operators: {@code GET} lists open (or {@code ?filter=overdue}) requests;
     * {@code POST /{id}} with {@code {"action": "verify" | "complete" | "refuse", ...}} moves one along.
     */
    void operatorRequests(HttpServletRequest request, HttpServletResponse response, String rest)
            throws IOException {
        if (!operator.test(request) || request.getUserPrincipal() == null) {
            throw new Problem(403, "Forbidden", "only the shop's operators may handle requests");
        }
        String operatorId = request.getUserPrincipal().getName();
        noStore(response);
        if (rest.isEmpty() || rest.equals("/")) {
            requireMethod(request, "GET");
            String filter = request.getParameter("filter");
            List<PersonalRequest> list;
            if (filter == null || filter.equals("open")) {
                list = requests.open();
            } else if (filter.equals("overdue")) {
                list = requests.overdue();
            } else {
                throw Problem.badRequest("filter is \"open\" or \"overdue\"");
            }
            JsonIo.write(response, 200, new ExportViews.RequestList(list.stream().map(ExportViews::request).toList()));
            return;
        }
        requireMethod(request, "POST");
        CrossSiteCheck.requireSameOrigin(request);
        UUID id;
        try {
            id = UUID.fromString(rest.substring(1));
        } catch (IllegalArgumentException e) {
            throw new Problem(404, "Not found", "no request with this id");
        }
        JsonNode body = JsonIo.readJson(request);
        JsonNode action = body.get("action");
        String text = body.has("method") ? body.get("method").asString("") : body.has("reason") ? body.get("reason").asString("") : "";
        if (requests.find(id).isEmpty()) {
            throw new Problem(404, "Not found", "no request with this id");
        }
        PersonalRequest moved;
        try {
            moved = switch (action == null || !action.isString() ? "" : action.stringValue()) {
                case "verify" -> requests.verify(id, Verification.byOperator(require(text, "/method"), operatorId));
                case "complete" -> requests.complete(id, operatorId);
                case "refuse" -> requests.refuse(id, operatorId, require(text, "/reason"));
                default -> throw Problem.invalid(List.of(new Problem.FieldError("/action",
                        "action is \"verify\" (with method), \"complete\" or \"refuse\" (with reason)")));
            };
        } catch (IllegalStateException e) {
            throw new Problem(409, "Conflict",
                    Objects.requireNonNullElse(e.getMessage(), "the request cannot move on from its status"));
        }
        JsonIo.write(response, 200, ExportViews.request(moved));
    }

    private static String require(String text, String pointer) {
        if (text.isBlank()) {
            throw Problem.invalid(List.of(new Problem.FieldError(pointer, "required, as text")));
        }
        return text;
    }
}
