package dev.consent4j.policy;

/** Whether messages sent for a purpose are transactional (receipts) or subscriptions (newsletters). */
public enum MessageKind {
    TRANSACTIONAL,
    SUBSCRIPTION
}
