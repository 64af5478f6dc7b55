package dev.consent4j.policy;

/**
 * The legal ground on which a purpose or cookie category rests, and so its default decision.
 */
public enum Basis {
    /** Needed to deliver what the shopper asked for; no choice is offered and none is recorded. */
    NECESSARY("necessary"),
    /** Off until the person grants it. */
    OPT_IN("opt-in"),
    /** On until the person objects (Japanese postal and phone marketing, analytics under notice). */
    OPT_OUT("opt-out");

    private final String id;

    Basis(String id) {
        this.id = id;
    }

    /** The spelling used in policy files, e.g. {@code opt-in}. */
    public String id() {
        return id;
    }

    /** Parses a policy-file spelling, or returns {@code null} when it names no basis. */
    public static Basis fromId(String id) {
        for (Basis basis : values()) {
            if (basis.id.equals(id)) {
                return basis;
            }
        }
        return null;
    }
}
