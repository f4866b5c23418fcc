package org.secondopinion.notification.routing;

/** What a notification is about; clients pick icons and links by it, so values are stable API. */
public enum NotificationKind {
    CASE_RECEIVED,
    OFFER_RECEIVED,
    CASE_UPDATED,
    CASE_ASSIGNED_TO_YOU,
    CASE_UNMATCHED,
    CASE_CANCELLED,
    /** to coordinators: an e-mail, SMS or push could not be delivered after every retry */
    DELIVERY_FAILED
}
