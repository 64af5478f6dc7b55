package dev.consent4j.examples.spring;

import dev.consent4j.ConsentHistory;
import dev.consent4j.ConsentManager;
import dev.consent4j.event.SubjectId;
import dev.consent4j.policy.Jurisdiction;
import dev.consent4j.state.Signals;
import dev.consent4j.unsubscribe.UnsubscribeLinks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the shop's staff see: who may receive the newsletter (with the headers each message would
 * carry), who may be uploaded to the ad network, and one customer's consent history.
 */
@Controller
class OperatorController {

    /** The shop's customers; a real shop reads them from its own database. */
    static final List<String> CUSTOMERS = List.of("hanako", "taro", "c-1001", "c-1002", "c-1003");

    private final ConsentManager consents;
    private final UnsubscribeLinks links;

    OperatorController(ConsentManager consents, UnsubscribeLinks links) {
        this.consents = consents;
        this.links = links;
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
        return "operator";
    }

    /** Uploads to the ad network only those who may be shared with it; the others are never sent. */
    @PostMapping("/operator/audience")
    String audience(Model model, HttpServletRequest request) {
        List<SubjectId> customers = CUSTOMERS.stream().map(SubjectId::customer).toList();
        List<SubjectId> shared = consents.audience(customers, "targeted-ads", null, Jurisdiction.JP);
        model.addAttribute("shared", shared.stream().map(SubjectId::value).toList());
        model.addAttribute("withheld", customers.stream().filter(c -> !shared.contains(c)).map(SubjectId::value).toList());
        return operator(model, request);
    }

    @GetMapping("/operator/history")
    String history(@RequestParam String customer, Model model, HttpServletRequest request) {
        ConsentHistory history = consents.history(SubjectId.customer(customer), Signals.of(Jurisdiction.JP));
        model.addAttribute("historyCustomer", customer);
        model.addAttribute("history", history);
        return operator(model, request);
    }
}
