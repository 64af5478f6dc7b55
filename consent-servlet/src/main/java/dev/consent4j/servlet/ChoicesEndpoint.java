package dev.consent4j.servlet;

import static dev.consent4j.servlet.EndpointHelpers.action;
import static dev.consent4j.servlet.EndpointHelpers.context;
import static dev.consent4j.servlet.EndpointHelpers.noStore;
import static dev.consent4j.servlet.EndpointHelpers.pointer;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentHistory;
import dev.consent4j.ConsentManager;
import dev.consent4j.Recorded;
import dev.consent4j.cookie.ConsentCookie;
import dev.consent4j.event.Action;
import dev.consent4j.event.Actor;
import dev.consent4j.event.Evidence;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.internal.fold.StateFolder;
import dev.consent4j.policy.Basis;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.policy.Policy;
import dev.consent4j.policy.Purpose;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.servlet.EnforcementListener.BannerOutcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's or customer's own choices: {@code GET {base}/state}, {@code POST {base}/choices},
 * {@code POST {base}/opt-out}, {@code POST {base}/do-not-sell} and {@code GET {base}/export}.
 */
final class ChoicesEndpoint {

    private final ConsentManager consents;
    private final StateFolder folder;
    private final EnforcementListener listener;
    private final @Nullable PersonalRequests requests;

    ChoicesEndpoint(ConsentManager consents, StateFolder folder, EnforcementListener listener,
            @Nullable PersonalRequests requests) {
        this.consents = consents;
        this.folder = folder;
        this.listener = listener;
        this.requests = requests;
    }

    /** {@code GET {base}/state}: the request's decisions, as the preference centre shows them. */
    void state(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        ConsentContext context = context(request);
        if (context.storeUnavailable()) {
            // The fail-closed state is not the customer's: a preference centre must not show it as theirs.
            throw Problem.unavailable(ConsentEndpoints.RETRY_AFTER_SECONDS);
        }
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(),
                Languages.choose(request, consents.policy())));
    }

    void choices(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        JsonNode body = JsonIo.readJson(request);
        Policy policy = consents.policy();
        Jurisdiction jurisdiction = context.signals().jurisdiction();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("choices", "all", "source", "language", "outcome").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field),
                        "unknown field; expected choices, all, source, language, outcome"));
            }
        }
        Source source = Source.BANNER;
        JsonNode sourceNode = body.get("source");
        if (sourceNode != null) {
            if (sourceNode.isString() && sourceNode.stringValue().equals("banner")) {
                source = Source.BANNER;
            } else if (sourceNode.isString() && sourceNode.stringValue().equals("preference-centre")) {
                source = Source.PREFERENCE_CENTRE;
            } else {
                errors.add(new Problem.FieldError("/source", "source is \"banner\" or \"preference-centre\""));
            }
        }
        String language = EndpointHelpers.language(body, policy, errors);
        Map<Topic, Action> choices = new LinkedHashMap<>();
        JsonNode all = body.get("all");
        JsonNode each = body.get("choices");
        BannerOutcome outcome = outcome(body.get("outcome"), all, each, errors);
        if ((all == null) == (each == null)) {
            errors.add(new Problem.FieldError("", "send either \"choices\" (an object of topic: action) or \"all\" (\"grant\" or \"deny\")"));
        } else if (all != null) {
            Action action = all.isString() && all.stringValue().equals("grant") ? Action.GRANT
                    : all.isString() && all.stringValue().equals("deny") ? Action.DENY : null;
            if (action == null) {
                errors.add(new Problem.FieldError("/all", "all is \"grant\" or \"deny\""));
            } else {
                for (Topic topic : folder.allChoice(context.state(), action)) {
                    choices.put(topic, action);
                }
            }
        } else if (!each.isObject() || each.isEmpty()) {
            errors.add(new Problem.FieldError("/choices", "choices is a non-empty object of topic: action"));
        } else {
            for (Map.Entry<String, JsonNode> entry : each.properties()) {
                String at = "/choices/" + pointer(entry.getKey());
                Topic topic = EndpointHelpers.topic(entry.getKey(), at, errors);
                if (topic == null) {
                    continue;
                }
                if (topic.channel() != null && context.customer().isEmpty()) {
                    errors.add(new Problem.FieldError(at, "choices per channel are made by a signed-in customer"));
                    continue;
                }
                Action action = action(entry.getValue());
                if (action == null) {
                    errors.add(new Problem.FieldError(at, "an action is \"grant\", \"deny\", \"withdraw\" or \"object\""));
                    continue;
                }
                if (topic.kind() != Topic.Kind.CATEGORY && policy.purpose(topic.id())
                        .filter(p -> p.basis().in(jurisdiction) == Basis.NOTICE).isPresent()) {
                    errors.add(new Problem.FieldError(at, "purpose '" + topic.id() + "' is notice-only and offers no choice; "
                            + "a personal request to stop use (POST requests) can stop it"));
                    continue;
                }
                choices.put(topic, action);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        record(request, context, choices, source, language);
        if (outcome != null) {
            listener.bannerOutcome(outcome);
        }
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    /**
     * The optional {@code outcome} of a choices request: which banner button was used. It must
     * agree with the body: {@code accept-all} with {@code "all": "grant"}, {@code reject-all}
     * with {@code "all": "deny"}, {@code custom} with {@code "choices"}.
     */
    private static @Nullable BannerOutcome outcome(@Nullable JsonNode node, @Nullable JsonNode all, @Nullable JsonNode each,
            List<Problem.FieldError> errors) {
        if (node == null) {
            return null;
        }
        BannerOutcome outcome = node.isString() ? BannerOutcome.of(node.stringValue()).orElse(null) : null;
        if (outcome == null) {
            errors.add(new Problem.FieldError("/outcome", "outcome is \"accept-all\", \"reject-all\" or \"custom\""));
            return null;
        }
        String allValue = all != null && all.isString() ? all.stringValue() : null;
        boolean agrees = switch (outcome) {
            case ACCEPT_ALL -> "grant".equals(allValue);
            case REJECT_ALL -> "deny".equals(allValue);
            case CUSTOM -> each != null && all == null;
        };
        if (!agrees) {
            errors.add(new Problem.FieldError("/outcome", "accept-all goes with \"all\": \"grant\", reject-all with"
                    + " \"all\": \"deny\", custom with \"choices\""));
        }
        return outcome;
    }

    void optOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        JsonNode body = JsonIo.readJson(request);
        if (context.customer().isEmpty()) {
            throw new Problem(401, "Sign-in required",
                    "choices per purpose and channel belong to a customer account; sign in first, or use do-not-sell");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!Set.of("purpose", "channel", "action").contains(field)) {
                errors.add(new Problem.FieldError("/" + pointer(field), "unknown field; expected purpose, channel, action"));
            }
        }
        JsonNode purpose = body.get("purpose");
        JsonNode channel = body.get("channel");
        if (purpose == null || !purpose.isString()) {
            errors.add(new Problem.FieldError("/purpose", "purpose is the id of a purpose"));
        }
        if (channel != null && !channel.isString() && !channel.isNull()) {
            errors.add(new Problem.FieldError("/channel", "channel is the id of one of the purpose's channels"));
        }
        JsonNode actionNode = body.get("action");
        Action action = actionNode == null ? Action.OBJECT : action(actionNode);
        if (action == null) {
            errors.add(new Problem.FieldError("/action", "an action is \"grant\", \"deny\", \"withdraw\" or \"object\""));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        Topic topic;
        try {
            topic = channel == null || channel.isNull() ? Topic.purpose(purpose.stringValue())
                    : Topic.contact(purpose.stringValue(), channel.stringValue());
        } catch (IllegalArgumentException e) {
            throw Problem.invalid(List.of(new Problem.FieldError("/purpose",
                    Objects.requireNonNullElse(e.getMessage(), "purpose is the id of a purpose"))));
        }
        record(request, context, Map.of(topic, action), Source.ACCOUNT_PAGE, null);
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    void doNotSell(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CrossSiteCheck.requireSameOrigin(request);
        String answerLanguage = Languages.choose(request, consents.policy());
        ConsentContext context = context(request);
        if (request.getContentLengthLong() > 0 || JsonIo.contentType(request) != null) {
            // An optional empty object; anything else is refused.
            if (!JsonIo.readJson(request).isEmpty()) {
                throw Problem.badRequest("do-not-sell takes no fields: send {} or no body");
            }
        }
        Map<Topic, Action> choices = new LinkedHashMap<>();
        for (Purpose purpose : consents.policy().purposes()) {
            if (purpose.coveredByGpc() && purpose.basis().in(context.signals().jurisdiction()) != Basis.NECESSARY) {
                choices.put(Topic.purpose(purpose.id()), Action.OBJECT);
            }
        }
        if (choices.isEmpty()) {
            throw new Problem(404, "Nothing to opt out of", "this shop's policy declares no sale, sharing or targeted advertising");
        }
        record(request, context, choices, Source.DO_NOT_SELL_LINK, null);
        noStore(response);
        JsonIo.write(response, 200, Views.state(context.state(), consents.settings(), answerLanguage));
    }

    /**
     * Stores the choices as events, then refreshes the request's state (with its signals) and, for
     * a visitor, the cookie, both from what recording answers: nothing more is read.
     */
    private void record(HttpServletRequest request, ConsentContext context, Map<Topic, Action> choices, Source source,
            @Nullable String language) {
        Policy policy = consents.policy();
        SubjectId subject = context.subjectForChoices();
        Evidence evidence = RequestEvidence.of(request, policy.version(), language);
        Recorded recorded = consents.record(new ChoiceRequest(subject, choices, source, Actor.SELF,
                context.signals().jurisdiction(), evidence, null), context.signals());
        if (!subject.isVisitor()) {
            context.update(recorded.state(), null);
            return;
        }
        context.update(recorded.state(), ConsentCookies.of(policy, subject, recorded.latestChoices(),
                consents.clock().instant(), context.cookie().map(ConsentCookie::linkedToCustomer).orElse(false)));
    }

    void export(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentContext context = context(request);
        noStore(response);
        SubjectId subject = context.customer().orElse(context.cookie().map(ConsentCookie::visitor).orElse(null));
        ConsentHistory history = subject == null
                ? new ConsentHistory(null, List.of(), context.state(), null)
                : consents.history(subject, context.signals());
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-export.json\"");
        if (requests != null && subject != null) {
            JsonIo.write(response, 200, ExportViews.export(requests.disclosure(subject, context.signals()), consents.settings()));
        } else {
            JsonIo.write(response, 200, ExportViews.export(history, consents.settings()));
        }
    }
}
