package dev.consent4j.policy;

import org.jspecify.annotations.Nullable;

/**
 * The legal ground on which a purpose or cookie category rests, and so its default decision.
 */
public enum Basis {
    /** Needed to deliver what the shopper asked for; no choice is offered and none is recorded. */
    NECESSARY("necessary"),
    /** Off until the person grants it. */
    OPT_IN("opt-in"),
    /** On until the person objects (Japanese postal and phone marketing, analytics under notice). */
    OPT_OUT("opt-out"),
    /**
     * Used as the policy states it, with no choice offered (product analysis, surveys,
     * statistics), but not strictly necessary: a personal request to stop use (利用停止) can
     * stop it for that person, as the purpose's {@link StopUse} rule says.
     */
    NOTICE("notice");

    private final String id;

    Basis(String id) {
        this.id = id;
    }

    /** The spelling used in policy files, e.g. {@code opt-in}. */
    public String id() {
        return id;
    }

    /** Whether a person can make a choice about it on a banner or preference centre. */
    public boolean choosable() {
        return this == OPT_IN || this == OPT_OUT;
    }

    /** Parses a policy-file spelling, or returns {@code null} when it names no basis. */
    public static @Nullable Basis fromId(@Nullable String id) {
        for (Basis basis : values()) {
            if (basis.id.equals(id)) {
                return basis;
            }
        }
        return null;
    }
}
