package dev.consent4j.policy;

import org.jspecify.annotations.Nullable;

/**
 * A ground on which Japan's APPI lets a shop give personal data to someone without the person's
 * consent: the exceptions of art. 27(1), and the three cases of art. 27(5) in which the receiver
 * is not a third party at all.
 */
public enum LegalGround {
    /** 27(1)(i): required by laws and regulations (a court order, a tax inquiry). */
    LAWS_AND_REGULATIONS("laws-and-regulations", "27(1)(i)", null),
    /** 27(1)(ii): needed to protect a person's life, body or property, when consent is hard to get. */
    PROTECTION_OF_LIFE("protection-of-life", "27(1)(ii)", null),
    /** 27(1)(iii): needed for public health or children's sound growth, when consent is hard to get. */
    PUBLIC_HEALTH("public-health", "27(1)(iii)", null),
    /** 27(1)(iv): cooperation with a state or local authority carrying out duties set by law. */
    COOPERATION_WITH_AUTHORITIES("cooperation-with-authorities", "27(1)(iv)", null),
    /** 27(1)(v)–(vii): academic research by or with an academic research institution. */
    ACADEMIC_RESEARCH("academic-research", "27(1)(v)-(vii)", null),
    /** 27(5)(i): handling entrusted to a processor. */
    ENTRUSTMENT("entrustment", "27(5)(i)", Relation.PROCESSOR),
    /** 27(5)(ii): a merger or another business succession. */
    BUSINESS_SUCCESSION("business-succession", "27(5)(ii)", Relation.SUCCESSOR),
    /** 27(5)(iii): joint use announced with the items the law lists. */
    JOINT_USE("joint-use", "27(5)(iii)", Relation.JOINT_USER);

    private final String id;
    private final String article;
    private final @Nullable Relation relation;

    LegalGround(String id, String article, @Nullable Relation relation) {
        this.id = id;
        this.article = article;
        this.relation = relation;
    }

    public String id() {
        return id;
    }

    /** The article of APPI it rests on, e.g. {@code 27(1)(i)}. */
    public String article() {
        return article;
    }

    /**
     * The relation a recipient must have for this ground (art. 27(5)), or {@code null} for the
     * exceptions of art. 27(1), which apply to third parties.
     */
    public @Nullable Relation relation() {
        return relation;
    }

    public static @Nullable LegalGround fromId(String id) {
        for (LegalGround ground : values()) {
            if (ground.id.equals(id)) {
                return ground;
            }
        }
        return null;
    }
}
