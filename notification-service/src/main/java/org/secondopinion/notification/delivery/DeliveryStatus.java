package org.secondopinion.notification.delivery;

/** PENDING (not tried yet) → RETRYING (failed, will try again) → SENT or DEAD (gave up); the last two are final. */
public enum DeliveryStatus {
    PENDING,
    RETRYING,
    SENT,
    DEAD;

    public boolean isFinal() {
        return this == SENT || this == DEAD;
    }
}
