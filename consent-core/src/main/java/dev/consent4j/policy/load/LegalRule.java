package dev.consent4j.policy.load;

/**
 * The checks of a policy file that come from a law or a standard, each with an id that stays the
 * same across releases. A problem raised by one carries its id ({@link PolicyProblem#rule()}), so
 * a shop can look the rule up in {@code docs/policy-format.md}, which lists them all.
 */
enum LegalRule {
    JP_EMAIL_OPT_IN("jp-email-opt-in", "特定電子メール法 art. 3",
            "advertising by e-mail or SMS is opt-in in Japan"),
    EPRIVACY_COOKIE_CONSENT("eprivacy-cookie-consent", "ePrivacy Directive art. 5(3)",
            "cookies that are not strictly necessary are opt-in in the EU and EEA"),
    PECR_COOKIE_CONSENT("pecr-cookie-consent", "PECR reg. 6",
            "cookies that are not strictly necessary are opt-in in the UK"),
    STRICTLY_NECESSARY("eprivacy-strictly-necessary", "ePrivacy Directive art. 5(3), PECR reg. 6(4)",
            "a necessary cookie says why the service needs it; trackers under it are never blocked"),
    APPI_27_THIRD_PARTY_CONSENT("appi-27-third-party-consent", "APPI art. 27(1)",
            "an exception to the third party's consent is for third parties, and is doubtful for a purpose people choose"),
    APPI_27_GROUND_RELATION("appi-27-ground-relation", "APPI art. 27(5)",
            "entrustment, succession and joint use are grounds of a processor, successor and joint user"),
    APPI_27_JOINT_USE("appi-27-joint-use", "APPI art. 27(5)(iii)",
            "joint use is announced with its data items, joint users, purposes and responsible party"),
    APPI_27_OPT_OUT_ROUTE("appi-27-opt-out-route", "APPI art. 27(2)",
            "only a third party receives data by a filed opt-out route, and never special-care data"),
    APPI_28_FOREIGN_TRANSFER("appi-28-foreign-transfer", "APPI art. 28",
            "a third party outside Japan comes with the country's protection system and its measures"),
    APPI_30_SOURCE_RECORDS("appi-30-source-records", "APPI art. 30",
            "a data source names the provider (address, representative), how it got the data, and the items"),
    APPI_32_OPERATOR("appi-32-operator", "APPI art. 32(1)(i)",
            "the policy names the shop, its address and its representative"),
    APPI_32_HANDLING_ABROAD("appi-32-handling-abroad", "APPI art. 32(1)",
            "the countries where personal data is handled are disclosed and match the recipients"),
    JP_EXTERNAL_TRANSMISSION("jp-external-transmission", "電気通信事業法 art. 27-12",
            "a tag names each item it sends, not \"and so on\""),
    GPC_OPT_OUT("ccpa-gpc-opt-out", "CCPA §1798.120, §1798.135",
            "a sale, sharing or targeted-advertising purpose can be refused (and GPC refuses it)"),
    MINORS_GUARDIAN("minors-guardian-consent", "COPPA, APPI guidelines, GDPR art. 8",
            "a minors rule asks a guardian about topics where a choice is asked"),
    MINORS_OPT_IN("minors-opt-in", "CCPA §1798.120(c)",
            "below opt-in-below-age an opt-out purpose needs a grant; not below the guardian age");

    private final String id;
    private final String law;
    private final String summary;

    LegalRule(String id, String law, String summary) {
        this.id = id;
        this.law = law;
        this.summary = summary;
    }

    String id() {
        return id;
    }

    /** The law and article or the standard the rule comes from. */
    String law() {
        return law;
    }

    String summary() {
        return summary;
    }
}
