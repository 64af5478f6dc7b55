package dev.consent4j.policy;

import org.jspecify.annotations.Nullable;

/** How a recipient stands to the shop under Japan's APPI, which decides whether consent is needed. */
public enum Relation {
    /** 第三者: provision needs the person's consent (or a filed opt-out route) and a record. */
    THIRD_PARTY("third-party"),
    /** 委託: handles data on the shop's behalf (delivery, payment); no consent, no record. */
    PROCESSOR("processor"),
    /** 共同利用: joint use announced with the items the law lists; no consent, no record. */
    JOINT_USER("joint-user"),
    /** 事業承継: takes over the business by a merger or a transfer; no consent, no record (APPI art. 27(5)(ii)). */
    SUCCESSOR("successor");

    private final String id;

    Relation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static @Nullable Relation fromId(String id) {
        for (Relation relation : values()) {
            if (relation.id.equals(id)) {
                return relation;
            }
        }
        return null;
    }
}
