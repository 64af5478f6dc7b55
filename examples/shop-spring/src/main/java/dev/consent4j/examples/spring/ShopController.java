package dev.consent4j.examples.spring;

import dev.consent4j.ChoiceRequest;
import dev.consent4j.ConsentManager;
import dev.consent4j.InvalidChoiceException;
import dev.consent4j.LogSafe;
import dev.consent4j.event.Action;
import dev.consent4j.event.Source;
import dev.consent4j.event.SubjectId;
import dev.consent4j.event.Topic;
import dev.consent4j.examples.shop.Catalogue;
import dev.consent4j.guardian.GuardianLinks;
import dev.consent4j.policy.Purpose;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.RequestKind;
import dev.consent4j.request.Verification;
import dev.consent4j.servlet.ConsentContext;
import dev.consent4j.servlet.ConsentServletSupport;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;
import dev.consent4j.state.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The shop's pages: catalogue, products, and the customer's account with marketing preferences. */
@Controller
class ShopController {

    private final ConsentManager consents;
    private final PersonalRequests requests;
    private final GuardianLinks guardianLinks;

    ShopController(ConsentManager consents, PersonalRequests requests, GuardianLinks guardianLinks) {
        this.consents = consents;
        this.requests = requests;
        this.guardianLinks = guardianLinks;
    }

    @GetMapping("/")
    String catalogue(Model model, HttpServletResponse response) {
        // The shop's own analytics cookie, HttpOnly, set by the server: only sent with consent.
        response.addHeader("Set-Cookie", "FPID=fp." + System.nanoTime() + "; Path=/; Max-Age=31536000; HttpOnly");
        model.addAttribute("products", Catalogue.products());
        return "catalogue";
    }

    @GetMapping("/products/{id}")
    String product(@PathVariable String id, Model model, ConsentState consent, HttpServletResponse response) {
        // A server-side conversion tag's cookie (advertising, opt-in): the filter drops it without consent.
        response.addHeader("Set-Cookie", "_skyid=sky." + System.nanoTime() + "; Path=/; Max-Age=7776000");
        model.addAttribute("product", Catalogue.product(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        // What the server itself may do for this shopper, decided by their choices.
        model.addAttribute("personalisedAds", consent.allows("targeted-ads"));
        return "product";
    }

    @GetMapping("/do-not-sell")
    String doNotSell() {
        return "do-not-sell";
    }

    @GetMapping("/account")
    String account(Model model, ConsentState consent, Principal principal) {
        @Nullable String lang = (String) model.getAttribute("lang");
        model.addAttribute("myRequests", requests.of(SubjectId.customer(principal.getName())).stream().map(q -> Map.of(
                "kind", Words.kind(q.kind(), lang), "receivedAt", q.receivedAt().toString(),
                "status", Words.status(q.status(), lang), "answer", Words.answer(q, lang))).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Purpose purpose : consents.policy().purposes()) {
            for (String channel : purpose.channels()) {
                if (purpose.basis().alwaysNecessary()) {
                    continue;
                }
                Decision decision = consent.contact(purpose.id(), channel);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("purpose", purpose.id());
                row.put("title", purpose.title().in(lang, "ja"));
                row.put("channel", channel);
                row.put("channelTitle", consents.policy().channel(channel).map(c -> c.title().in(lang, "ja")).orElse(channel));
                row.put("allowed", decision.allowed());
                row.put("reason", Words.reason(decision.reason(), lang));
                rows.add(row);
            }
        }
        model.addAttribute("preferences", rows);
        Decision targetedAds = consent.purpose("targeted-ads");
        model.addAttribute("targetedAds", Map.of("allowed", targetedAds.allowed(),
                "reason", Words.reason(targetedAds.reason(), lang)));
        model.addAttribute("needsGuardian", !needingGuardian(consent).isEmpty());
        return "account";
    }

    /** What the decision function says only a guardian can allow for this customer. */
    private static List<Topic> needingGuardian(ConsentState consent) {
        return consent.decisions().values().stream().filter(d -> d.reason() == Reason.MINOR_WITHOUT_GUARDIAN)
                .map(Decision::topic).toList();
    }

    /**
     * "Ask my guardian": a signed, single-use link for the guardian whose address the minor gives.
     * A real shop e-mails it to that address; the demo shows it on the account page instead.
     */
    @PostMapping("/account/guardian-link")
    String askGuardian(@RequestParam String guardianEmail, ConsentState consent, Principal principal,
            RedirectAttributes redirect) {
        List<Topic> topics = needingGuardian(consent);
        if (topics.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "nothing on this account needs a guardian's consent");
        }
        if (guardianEmail.isBlank() || guardianEmail.length() > 254 || guardianEmail.indexOf('@') < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give the guardian's e-mail address");
        }
        GuardianLinks.Link link = guardianLinks.forMinor(SubjectId.customer(principal.getName()), topics, guardianEmail,
                principal.getName());
        redirect.addFlashAttribute("guardianLink", link.url());
        return "redirect:/account";
    }

    /**
     * A personal request from the account page. The login is the identity check, so a stop of
     * provision takes effect before the page reloads; an erasure waits for an operator.
     */
    @PostMapping("/account/requests")
    String fileRequest(@RequestParam RequestKind kind, Principal principal, HttpServletRequest request) {
        requests.file(SubjectId.customer(principal.getName()), kind, List.of(), "from the account page",
                ConsentContext.of(request).signals().jurisdiction(), Verification.LOGGED_IN);
        return "redirect:/account";
    }

    /** The account page's form: one choice per purpose and channel, recorded as evidence. */
    @PostMapping("/account/preferences")
    String savePreferences(@RequestParam String purpose, @RequestParam(required = false) String channel,
            @RequestParam String choice, Principal principal, HttpServletRequest request) {
        // The form offers only the policy's purposes and channels and these two choices; anything else
        // is a stale or forged form, answered with a 400 before anything is recorded.
        Purpose declared = consents.policy().purpose(purpose).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.BAD_REQUEST, "the policy declares no purpose " + LogSafe.quote(purpose)));
        boolean noChannel = channel == null || channel.isBlank();
        if (!noChannel && !declared.channels().contains(channel)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "purpose " + LogSafe.quote(purpose) + " declares no channel " + LogSafe.quote(channel));
        }
        if (!"grant".equals(choice) && !"withdraw".equals(choice)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a choice is grant or withdraw, not " + LogSafe.quote(choice));
        }
        Topic topic = noChannel ? Topic.purpose(purpose) : Topic.contact(purpose, channel);
        ConsentContext context = ConsentContext.of(request);
        try {
            consents.record(new ChoiceRequest(SubjectId.customer(principal.getName()),
                    Map.of(topic, "grant".equals(choice) ? Action.GRANT : Action.WITHDRAW), Source.ACCOUNT_PAGE,
                    dev.consent4j.event.Actor.SELF, context.signals().jurisdiction(),
                    ConsentServletSupport.evidence(request, consents.policy().version(), null), null));
        } catch (InvalidChoiceException e) {
            // A necessary purpose, say: the library refuses it and records nothing.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return "redirect:/account";
    }
}
