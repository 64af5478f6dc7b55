package dev.consent4j.examples.spring;

import dev.consent4j.examples.shop.StubTrackers;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What every page's header and footer need, for the shop's pages and the operator's alike: the
 * language ({@code ?lang=en}, Japanese otherwise), the signed-in user and the tracker stubs.
 */
@ControllerAdvice(assignableTypes = {ShopController.class, OperatorController.class})
final class PageModel {

    private final StubTrackers trackers;

    PageModel(StubTrackers trackers) {
        this.trackers = trackers;
    }

    @ModelAttribute
    void common(@RequestParam(name = "lang", required = false) @Nullable String lang, Model model,
            @Nullable Principal principal) {
        model.addAttribute("lang", "en".equals(lang) ? "en" : "ja");
        model.addAttribute("trackers", trackers.origin());
        model.addAttribute("user", principal == null ? null : principal.getName());
    }
}
