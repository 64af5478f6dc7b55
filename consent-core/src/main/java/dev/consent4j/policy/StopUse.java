package dev.consent4j.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a personal request to stop use (利用停止, APPI art. 35) does to a notice-only purpose.
 *
 * @param honoured whether the request is carried out: the purpose stops for that person
 * @param refusal  when not honoured, why, as the shop tells the person (e.g. "statistics hold no
 *                 data that identifies you"); {@code null} when honoured
 */
public record StopUse(boolean honoured, @Nullable LocalizedText refusal) {

    /** The request is carried out. */
    public static final StopUse HONOURED = new StopUse(true, null);

    public StopUse {
        if (!honoured && (refusal == null || refusal.values().isEmpty())) {
            throw new IllegalArgumentException("a refused stop of use needs the reason shown to the person");
        }
        if (honoured && refusal != null) {
            throw new IllegalArgumentException("an honoured stop of use has no refusal reason");
        }
    }

    public static StopUse refused(LocalizedText reason) {
        return new StopUse(false, reason);
    }
}
