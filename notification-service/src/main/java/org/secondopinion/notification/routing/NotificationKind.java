package org.secondopinion.notification.routing;

/** What a notification is about; clients pick icons and links by it, so values are stable API. */
public enum NotificationKind {
    CASE_RECEIVED,
    OFFER_RECEIVED,
    OFFER_EXPIRED,
    CASE_UPDATED,
    CASE_ASSIGNED_TO_YOU,
    CASE_UNMATCHED,
    CASE_CANCELLED,
    /** to the patient: the specialist asked a question */
    INFORMATION_REQUESTED,
    /** to the specialist: the patient answered */
    INFORMATION_PROVIDED,
    /** to the patient: the written opinion is ready */
    OPINION_READY,
    CASE_CLOSED,
    /** to the patient: a clinic-referred case is now in their account (they redeemed the claim code) */
    CASE_CLAIMED,
    /** to the patient and the specialist: a live consult was booked, moved or cancelled */
    CONSULT_BOOKED,
    CONSULT_RESCHEDULED,
    CONSULT_CANCELLED,
    /** to the patient and the specialist: a live consult starts in about 24 hours / 1 hour */
    CONSULT_REMINDER,
    /** to the patient: tell us what you decided after the opinion (reminders at +14 and +90 days) */
    OUTCOME_REQUESTED,
    /** to coordinators: an e-mail, SMS or push could not be delivered after every retry */
    DELIVERY_FAILED
}
