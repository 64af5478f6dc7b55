package dev.consent4j.examples.spring;

import dev.consent4j.ConsentHistory;
import dev.consent4j.ConsentManager;
import dev.consent4j.LogSafe;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.provision.ProvisionGate;
import dev.consent4j.request.PersonalRequests;
import dev.consent4j.request.Verification;
import dev.consent4j.state.Signals;
import dev.consent4j.store.ConsentStore;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the shop's staff see: who may receive the newsletter (with the headers each message would
 * carry), who may be uploaded to the ad network, and one customer's consent history.
 */
@Controller
class OperatorController {

    /** The shop's customers; a real shop reads them from its own database. */
    static final List<String> CUSTOMERS = List.of("hanako", "taro", "c-1001", "c-1002", "c-1003");
    private static final String AD_NETWORK = "sky-ads";

    private final ConsentManager consents;
    private final UnsubscribeLinks links;
    private final ProvisionGate provisions;
    private final PersonalRequests requests;

    private final ConsentStore store;

    OperatorController(ConsentManager consents, UnsubscribeLinks links, ProvisionGate provisions, PersonalRequests requests,
            ConsentStore store) {
        this.store = store;
        this.consents = consents;
        this.links = links;
        this.provisions = provisions;
        this.requests = requests;
    }

    @GetMapping("/operator")
    String operator(Model model, HttpServletRequest request) {
        List<SubjectId> customers = CUSTOMERS.stream().map(SubjectId::customer).toList();
        // One query for the whole list: the question asked before every send.
        List<SubjectId> mayEmail = consents.audience(customers, "newsletter", "email", Jurisdiction.JP);
        String localBase = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (SubjectId customer : customers) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", customer.value());
            row.put("send", mayEmail.contains(customer));
            if (mayEmail.contains(customer)) {
                UnsubscribeLinks.Message message = links.forMessage(customer, "newsletter", "email");
                row.put("listUnsubscribe", message.listUnsubscribe());
                row.put("listUnsubscribePost", message.listUnsubscribePost());
                // The same link on this demo server, so it can be tried here.
                row.put("tryLink", localBase + URI.create(message.bodyLink()).getPath());
            }
            messages.add(row);
        }
        model.addAttribute("messages", messages);
        model.addAttribute("customers", CUSTOMERS);
        // The provision ledger (APPI art. 29) and the personal requests waiting for the shop.
        model.addAttribute("ledger", provisions.store().provisionsTo(AD_NETWORK));
        // The ad network told of opt-outs through the outbox (CCPA §7026(f), APPI art. 29).
        model.addAttribute("notifications", customers.stream().flatMap(c -> provisions.store().notificationsAbout(c).stream())
                .filter(n -> n.recipient().equals(AD_NETWORK)).toList());
        model.addAttribute("openRequests", requests.open());
        // The outbox: how far delivery is behind, and the messages given up on, to replay.
        store.outbox().ifPresent(outbox -> {
            model.addAttribute("outbox", outbox.stats());
            model.addAttribute("deadLetters", outbox.deadLetters(50));
        });
        model.addAttribute("now", consents.clock().instant());
        return "operator";
    }

    /**
     * Uploads to the ad network only those who may be shared with it; the others are never sent.
     * The gate writes the provision record before answering, so the ledger is never behind.
     */
    @PostMapping("/operator/audience")
    String audience(Model model, HttpServletRequest request) {
        List<SubjectId> customers = CUSTOMERS.stream().map(SubjectId::customer).toList();
        ProvisionGate.Provision upload = provisions.provide(customers, AD_NETWORK, List.of("email"), Jurisdiction.JP,
                ProvisionGate.RecordMode.BULK);
        model.addAttribute("shared", upload.allowed().stream().map(SubjectId::value).toList());
        model.addAttribute("withheld", upload.refused().keySet().stream().map(SubjectId::value).toList());
        return operator(model, request);
    }

    /** Moves a personal request along: verify (saying how), complete, or refuse (saying why). */
    @PostMapping("/operator/requests/{id}")
    String moveRequest(@PathVariable UUID id, @RequestParam String action, @RequestParam(required = false) String text,
            Principal operator) {
        // An id from an old page or a forged form: a 400 for the operator, not a server error.
        if (requests.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no request " + id);
        }
        try {
            move(id, action, text, operator);
        } catch (IllegalStateException e) {
            // Already verified, completed or refused, perhaps by another operator.
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return "redirect:/operator";
    }

    private void move(UUID id, String action, String text, Principal operator) {
        switch (action) {
            case "verify" -> requests.verify(id, Verification.byOperator(text == null || text.isBlank()
                    ? "identity checked by the operator" : text, operator.getName()));
            case "complete" -> requests.complete(id, operator.getName());
            case "refuse" -> requests.refuse(id, operator.getName(), text == null || text.isBlank() ? "refused" : text);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown action " + LogSafe.quote(action));
        }
    }

    /** Sends a dead letter again, after the operator has fixed what made it fail. */
    @PostMapping("/operator/outbox/{position}/replay")
    String replay(@PathVariable long position) {
        boolean replayed = store.outbox().map(outbox -> outbox.replay(position, consents.clock().instant())).orElse(false);
        if (!replayed) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no dead letter " + position);
        }
        return "redirect:/operator";
    }

    @GetMapping("/operator/history")
    String history(@RequestParam String customer, Model model, HttpServletRequest request) {
        SubjectId subject;
        try {
            subject = SubjectId.customer(customer);
        } catch (IllegalArgumentException e) {
            // Too long or with control characters: no customer has such an id. The message quotes it escaped.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ConsentHistory history = consents.history(subject, Signals.of(Jurisdiction.JP));
        model.addAttribute("historyCustomer", customer);
        model.addAttribute("history", history);
        return operator(model, request);
    }
}
