package org.secondopinion.notification.webhook;

/**
 * PENDING (not sent yet, including between retries: {@code attempts} says how many failed) → SENT (the receiver
 * answered 2xx) or DEAD (every attempt failed, or the webhook was deleted first); the last two are final.
 */
public enum WebhookDeliveryStatus {
    PENDING,
    SENT,
    DEAD;

    public boolean isFinal() {
        return this != PENDING;
    }
}
