package dev.consent4j.provision;

/** Why data may or may not go to a recipient (APPI arts. 27, 28 and 31). */
public enum ProvisionReason {
    /** 委託: the recipient handles the data on the shop's behalf; no consent and no record needed. */
    ENTRUSTED(true),
    /** 共同利用: announced joint use; no consent and no record needed. */
    JOINT_USE(true),
    /** 事業承継: the recipient takes over the business (APPI art. 27(5)(ii)); no consent and no record needed. */
    BUSINESS_SUCCESSION(true),
    /**
     * The policy declares a ground of APPI art. 27(1) (laws and regulations, protection of life,
     * public health, cooperation with authorities, academic research) for a purpose the third
     * party serves: no consent is needed, whatever the person chose, and art. 29 asks for no record.
     * {@link ProvisionDecision#ground()} names the ground.
     */
    LEGAL_GROUND(true),
    /**
     * The recipient serves a purpose the policy declares necessary where the person is: no choice
     * applies, so the provision rests on the policy's declaration (for a third party, one of the
     * grounds of APPI art. 27(1), which need no consent and no record).
     */
    NECESSARY_PURPOSE(true),
    /** The person granted a purpose the recipient serves, under current terms. */
    CONSENTED(true),
    /** The policy declares a filed opt-out route for this recipient, and the person has not objected. */
    OPT_OUT_ROUTE(true),
    /** The recipient is a third party and the person never granted any of its purposes. */
    NO_CONSENT(false),
    /**
     * There was a choice, and it does not allow the provision: denied, withdrawn, objected to,
     * expired, stale, a GPC signal, a minor's without a guardian, or a cookie category refused.
     */
    CONSENT_NOT_CURRENT(false),
    /** The person stopped provision under the opt-out route. */
    OPTED_OUT(false),
    /** The opt-out route's start date has not come yet. */
    OPT_OUT_NOT_STARTED(false),
    /** A successor whose succession the policy declares as planned: its start date has not come yet. */
    SUCCESSION_NOT_STARTED(false),
    /** A third party abroad for which the policy does not give the country information (art. 28). */
    FOREIGN_INFO_MISSING(false),
    /** The recipient serves no purpose of the policy, so nothing can justify sending it data. */
    NO_PURPOSE(false),
    /**
     * A processor, joint user or successor needs no consent to receive the data, but it receives
     * it for its purposes, and none of them is allowed for this person (refused, withdrawn, a
     * minor's without a guardian, stopped by a request): the shop may not use the data for them,
     * so it may not hand it over for them either. {@link ProvisionDecision#consent()} is the
     * first purpose's decision.
     */
    PURPOSE_NOT_ALLOWED(false);

    private final boolean allowed;

    ProvisionReason(boolean allowed) {
        this.allowed = allowed;
    }

    public boolean allowed() {
        return allowed;
    }

    /** Whether an allowed provision for this reason must be written to the ledger (third parties only). */
    public boolean needsRecord() {
        return this == CONSENTED || this == OPT_OUT_ROUTE;
    }
}
