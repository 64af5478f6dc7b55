package dev.consent4j.examples.quickstart.snippets;

// tag::spring-controller[]
import dev.consent4j.spring.RequiresConsent;
import dev.consent4j.state.ConsentState;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
// end::spring-controller[]
import org.springframework.stereotype.Controller;

/** docs/spring.md: controllers. */
@Controller
class SpringControllerSnippet {

    // tag::spring-controller[]
    @GetMapping("/product/{id}")
    String product(ConsentState consent, Model model) {
        model.addAttribute("adsAllowed", consent.allows("targeted-ads"));
        return "product";
    }

    @PostMapping("/ads/audience")
    @RequiresConsent(purpose = "targeted-ads")
    void shareWithAdNetwork() { /* runs only with consent */ }
    // end::spring-controller[]
}
