package dev.consent4j.test.check;

import dev.consent4j.policy.CookieCategory;
import dev.consent4j.state.ConsentState;
import dev.consent4j.state.Decision;

/** How a refused decision reads in a failure message; the decision itself always comes from the fold. */
final class Wording {

    private Wording() {
    }

    /** E.g. {@code (category advertising, basis opt-in in EU)}. */
    static String category(CookieCategory category, ConsentState state) {
        return "(category " + category.id() + ", basis " + category.basis().in(state.signals().jurisdiction()).id()
                + " in " + state.signals().jurisdiction().code() + ")";
    }

    /** When, in the visitor's story, the refused item showed up: "before consent", "after the visitor refused it"… */
    static String when(Decision decision) {
        return switch (decision.reason()) {
            case NO_CONSENT -> "before consent";
            case DENIED -> "after the visitor refused it";
            case WITHDRAWN -> "after the visitor withdrew consent";
            case OBJECTED -> "after the visitor objected to it";
            case GPC_SIGNAL -> "although the visitor's GPC signal opted out of it";
            case EXPIRED -> "after the visitor's consent had expired";
            case STALE_POLICY -> "on consent given to an earlier policy version";
            default -> "although the category is not allowed (" + decision.reason() + ")";
        };
    }
}
