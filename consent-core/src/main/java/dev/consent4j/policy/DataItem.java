package dev.consent4j.policy;

import java.util.Objects;

/**
 * A kind of personal data the shop handles, e.g. name, e-mail address, purchase history.
 *
 * @param sensitive   special-care data (要配慮個人情報), which may never go out by an opt-out route
 * @param relatedInfo personally referable information (個人関連情報) such as cookie ids or device
 *                    ids: not personal data for the shop, but may become so at the recipient
 */
public record DataItem(String id, LocalizedText title, boolean sensitive, boolean relatedInfo) {

    public DataItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
